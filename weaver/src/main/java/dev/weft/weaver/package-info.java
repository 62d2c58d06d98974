/**
 * The method-span engine: turns a call of an annotated (or configured) method into a typed span.
 * {@link dev.weft.weaver.MethodSpanEngine} is the entry point for weaving routes; {@link
 * dev.weft.weaver.WovenMethods} and {@link dev.weft.weaver.ContextPropagation} are called from code
 * the java agent weaves.
 */
package dev.weft.weaver;
