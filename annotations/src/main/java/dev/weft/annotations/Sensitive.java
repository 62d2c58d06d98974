package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a value that is never recorded: the value is replaced by {@code "[REDACTED]"} whatever the
 * sensitive-data setting.
 *
 * <p>On a parameter it covers that argument; on a method, its result; on a type, every value of
 * that type wherever it is captured.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
public @interface Sensitive {}
