package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that runs an agent: each call becomes an {@code agent} span.
 *
 * <p>The span records the agent name, the agents it may hand off to, its tools (by default the
 * names of the {@link ToolSpan} methods of the same class) and its output type (by default the
 * simple name of the return type).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AgentSpan {
  /** The agent name; the simple class name when empty. */
  String name() default "";

  /** The names of the agents this agent may hand off to. */
  String[] handoffs() default {};

  /** The names of the tools of this agent; the {@link ToolSpan} methods of the class when empty. */
  String[] tools() default {};

  /** The name of the output type; the simple name of the return type when empty. */
  String outputType() default "";

  /** Whether the arguments of each call are recorded; {@code true} by default. */
  boolean captureArguments() default true;

  /** Whether the result of each call is recorded; {@code true} by default. */
  boolean captureResult() default true;
}
