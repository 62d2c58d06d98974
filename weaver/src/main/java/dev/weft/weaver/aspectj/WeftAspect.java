package dev.weft.weaver.aspectj;

import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;

/**
 * The AspectJ route into the method-span engine: every method carrying a Weft span annotation,
 * directly or on a method it overrides, becomes a span exactly as under the Weft java agent.
 *
 * <p>Weave it at compile time (weft-weaver as an aspect library of the AspectJ Maven plugin) or at
 * load time ({@code -javaagent:aspectjweaver.jar}; the weft-weaver jar brings {@code
 * META-INF/aop.xml}). Each span annotation has its own pointcut on the execution of methods that
 * carry it; {@link WeftInheritedAspect} covers annotations declared on interfaces and superclasses.
 *
 * <p>All advice hands the call to {@link dev.weft.weaver.MethodSpanEngine}: same span data, capture
 * and redaction, asynchronous results and error recording, and the application's result and
 * exception pass through as the very same instances. When the Weft java agent weaves the same
 * method as well, the engine leaves the span to the agent, so each call yields one span.
 */
@Aspect
public class WeftAspect {
  /** Creates the aspect; AspectJ makes the single instance. */
  public WeftAspect() {}

  /** Traces a {@code @Workflow} method: a trace, or a custom span inside a current one. */
  @Around("execution(@dev.weft.annotations.Workflow * *(..))")
  public Object workflow(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces an {@code @AgentSpan} method as an {@code agent} span. */
  @Around("execution(@dev.weft.annotations.AgentSpan * *(..))")
  public Object agent(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @ToolSpan} method as a {@code function} span. */
  @Around("execution(@dev.weft.annotations.ToolSpan * *(..))")
  public Object tool(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @GenerationSpan} method as a {@code generation} span. */
  @Around("execution(@dev.weft.annotations.GenerationSpan * *(..))")
  public Object generation(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @ResponseSpan} method as a {@code response} span. */
  @Around("execution(@dev.weft.annotations.ResponseSpan * *(..))")
  public Object response(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @GuardrailSpan} method as a {@code guardrail} span. */
  @Around("execution(@dev.weft.annotations.GuardrailSpan * *(..))")
  public Object guardrail(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @HandoffSpan} method as a {@code handoff} span. */
  @Around("execution(@dev.weft.annotations.HandoffSpan * *(..))")
  public Object handoff(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @CustomSpan} method as a {@code custom} span. */
  @Around("execution(@dev.weft.annotations.CustomSpan * *(..))")
  public Object custom(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @McpListToolsSpan} method as an {@code mcp_tools} span. */
  @Around("execution(@dev.weft.annotations.McpListToolsSpan * *(..))")
  public Object mcpListTools(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @TaskSpan} method as a {@code task} span. */
  @Around("execution(@dev.weft.annotations.TaskSpan * *(..))")
  public Object task(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @TurnSpan} method as a {@code turn} span. */
  @Around("execution(@dev.weft.annotations.TurnSpan * *(..))")
  public Object turn(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @TranscriptionSpan} method as a {@code transcription} span. */
  @Around("execution(@dev.weft.annotations.TranscriptionSpan * *(..))")
  public Object transcription(ProceedingJoinPoint call, JoinPoint.StaticPart site)
      throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @SpeechSpan} method as a {@code speech} span. */
  @Around("execution(@dev.weft.annotations.SpeechSpan * *(..))")
  public Object speech(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }

  /** Traces a {@code @SpeechGroupSpan} method as a {@code speech_group} span. */
  @Around("execution(@dev.weft.annotations.SpeechGroupSpan * *(..))")
  public Object speechGroup(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }
}
