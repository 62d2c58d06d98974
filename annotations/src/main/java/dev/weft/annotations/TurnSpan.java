package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that runs one turn of an agent: each call becomes a {@code turn} span, exported as a
 * {@code custom} span with {@code sdk_span_type} {@code turn}.
 *
 * <p>The turn number counts the turn spans of the enclosing agent span, and the agent name is taken
 * from it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TurnSpan {

  /** Whether the arguments of each call are recorded; {@code true} by default. */
  boolean captureArguments() default true;

  /** Whether the result of each call is recorded; {@code true} by default. */
  boolean captureResult() default true;
}
