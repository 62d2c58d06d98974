package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that obtains a model response: each call becomes a {@code response} span.
 *
 * <p>The span records the response id, read from the result's {@code id()} accessor, and the token
 * usage, read from its {@code usage()} accessor.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ResponseSpan {
  /** The span name shown in tools that name spans; the method name when empty. */
  String name() default "";

  /** Whether the arguments of each call are recorded; {@code true} by default. */
  boolean captureArguments() default true;

  /** Whether the result of each call is recorded; {@code true} by default. */
  boolean captureResult() default true;
}
