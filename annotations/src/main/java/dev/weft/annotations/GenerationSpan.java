package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that calls a model: each call becomes a {@code generation} span.
 *
 * <p>The span records the input and output messages, the model, and the token usage, read from the
 * result's {@code usage()} accessor (with input and output token counts) when it has one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface GenerationSpan {
  /** The model name, for example {@code gpt-4.1}; none when empty. */
  String model() default "";

  /** The span name shown in tools that name spans; the method name when empty. */
  String name() default "";

  /** Whether the arguments of each call are recorded; {@code true} by default. */
  boolean captureArguments() default true;

  /** Whether the result of each call is recorded; {@code true} by default. */
  boolean captureResult() default true;
}
