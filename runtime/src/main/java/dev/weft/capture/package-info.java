/**
 * Turning captured values (arguments, results) into bounded, redacted, immutable JSON-like trees
 * and text, on the application thread, without calling arbitrary application code beyond {@code
 * toString()} and record accessors; the application's {@code toString()} within a time bound.
 *
 * <p>Values are non-null unless their documentation says "or null".
 */
package dev.weft.capture;
