package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that hands control from one agent to another: each call becomes a {@code handoff} span.
 *
 * <p>The target agent is {@link #to()}, or else a {@code String} result, or else the result's
 * {@code name()} accessor. The source agent is {@link #from()}, or else the enclosing agent span.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HandoffSpan {
  /** The agent handing off; the enclosing agent span's name when empty. */
  String from() default "";

  /** The agent receiving control; read from the result when empty. */
  String to() default "";

  /** Whether the arguments of each call are recorded; {@code true} by default. */
  boolean captureArguments() default true;

  /** Whether the result of each call is recorded; {@code true} by default. */
  boolean captureResult() default true;
}
