/**
 * The immutable data a span records, one record per span type, and the token usage and error types
 * they share.
 */
package dev.weft.data;
