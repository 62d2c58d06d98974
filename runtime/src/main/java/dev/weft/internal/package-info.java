/**
 * Parts of the runtime that other Weft modules use but applications must not: no compatibility is
 * promised here.
 */
package dev.weft.internal;
