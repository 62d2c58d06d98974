package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that checks a guardrail: each call becomes a {@code guardrail} span.
 *
 * <p>The span is marked {@code triggered} when the method returns {@code true}, or a result whose
 * {@code triggered()} or {@code tripwireTriggered()} accessor returns {@code true}, or when it
 * throws; an exception is also recorded as the span error.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface GuardrailSpan {
  /** The guardrail name; the method name when empty. */
  String name() default "";

  /** Whether the arguments of each call are recorded; {@code true} by default. */
  boolean captureArguments() default true;

  /** Whether the result of each call is recorded; {@code true} by default. */
  boolean captureResult() default true;
}
