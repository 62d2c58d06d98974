/**
 * Weft's configuration: one key, four spellings (agent argument, system property, environment
 * variable, properties file), read once into an immutable {@link dev.weft.config.WeftConfig}.
 *
 * <p>Values are non-null unless their documentation says "or null". A bad value is never fatal: it
 * is reported in one line on stderr and the key's default is used.
 */
package dev.weft.config;
