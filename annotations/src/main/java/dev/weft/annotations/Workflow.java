package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that runs one whole agent workflow: each call starts a trace, or a {@code custom} span
 * when a trace is already current.
 *
 * <p>The trace takes its group id from {@link #groupId()} or from a parameter marked {@link
 * GroupId}, and metadata from parameters marked {@link TraceMetadata}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Workflow {
  /** The workflow name of the trace; the method name when empty. */
  String name() default "";

  /** The group id that links traces of one conversation; none when empty. */
  String groupId() default "";

  /** Whether the arguments of each call are recorded; {@code true} by default. */
  boolean captureArguments() default true;

  /** Whether the result of each call is recorded; {@code true} by default. */
  boolean captureResult() default true;
}
