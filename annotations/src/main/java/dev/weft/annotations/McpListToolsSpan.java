package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that lists the tools of an MCP server: each call becomes an {@code mcp_tools} span.
 *
 * <p>The span records the server and, as {@code result}, the names of the tools in the returned
 * collection (each element's {@code name()} accessor, or its text).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface McpListToolsSpan {
  /** The MCP server name; none when empty. */
  String server() default "";

  /** Whether the arguments of each call are recorded; {@code true} by default. */
  boolean captureArguments() default true;

  /** Whether the result of each call is recorded; {@code true} by default. */
  boolean captureResult() default true;
}
