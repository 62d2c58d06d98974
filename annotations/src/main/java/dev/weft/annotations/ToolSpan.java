package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that is a tool an agent calls: each call becomes a {@code function} span.
 *
 * <p>The span records the arguments as a JSON object of parameter name to value ({@code input}) and
 * the result as text ({@code output}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ToolSpan {
  /** The tool name; the method name when empty. */
  String name() default "";

  /** Whether the arguments of each call are recorded; {@code true} by default. */
  boolean captureArguments() default true;

  /** Whether the result of each call is recorded; {@code true} by default. */
  boolean captureResult() default true;
}
