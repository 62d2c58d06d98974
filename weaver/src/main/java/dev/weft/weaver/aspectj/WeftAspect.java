package dev.weft.weaver.aspectj;

import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;

/**
 * The AspectJ route into the method-span engine: every method carrying a Weft span annotation,
 * directly or on a method it overrides, becomes a span exactly as under the Weft java agent.
 *
 * <p>Weave it at compile time (weft-weaver as an aspect library of the AspectJ Maven plugin) or at
 * load time ({@code -javaagent:aspectjweaver.jar}; the weft-weaver jar brings {@code
 * META-INF/aop.xml}). Each span annotation has its own pointcut on the execution of methods that
 * carry it. AspectJ cannot see an annotation declared on an interface or superclass method, so one
 * more pointcut covers the execution of every non-private instance method in the woven code and
 * asks, once per method and then from a cache, whether it overrides an annotated one; for any other
 * method that check is all it costs.
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

  /**
   * Selects the execution of a non-private instance method without a span annotation of its own
   * that overrides or implements a method with one; the {@code if()} part runs at each call and
   * answers from a per-method cache.
   *
   * @param site the join point's static part, supplied by AspectJ
   * @return whether the method inherits a span annotation
   */
  @Pointcut(
      "execution(!static !private * *(..))"
          + " && !execution(@(dev.weft.annotations.Workflow || dev.weft.annotations.AgentSpan"
          + " || dev.weft.annotations.ToolSpan || dev.weft.annotations.GenerationSpan"
          + " || dev.weft.annotations.ResponseSpan || dev.weft.annotations.GuardrailSpan"
          + " || dev.weft.annotations.HandoffSpan || dev.weft.annotations.CustomSpan"
          + " || dev.weft.annotations.McpListToolsSpan || dev.weft.annotations.TaskSpan"
          + " || dev.weft.annotations.TurnSpan || dev.weft.annotations.TranscriptionSpan"
          + " || dev.weft.annotations.SpeechSpan || dev.weft.annotations.SpeechGroupSpan)"
          + " * *(..))"
          + " && !within(dev.weft.weaver..*) && if()")
  public static boolean inheritsSpanAnnotation(JoinPoint.StaticPart site) {
    return AspectCalls.inheritsSpan(site);
  }

  /** Traces a method whose span annotation is declared on an interface or superclass method. */
  @Around("inheritsSpanAnnotation(site)")
  public Object inherited(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    return AspectCalls.trace(call, site);
  }
}
