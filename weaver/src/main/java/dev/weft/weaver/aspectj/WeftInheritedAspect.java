package dev.weft.weaver.aspectj;

import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.annotation.Pointcut;

/**
 * The AspectJ route for span annotations declared on an interface or superclass method: the
 * implementing or overriding method becomes a span exactly as under the Weft java agent.
 *
 * <p>AspectJ matches annotations only on the method that runs, so this aspect covers the execution
 * of every non-private instance method of the woven classes that has no span annotation of its own,
 * and asks at each call, from a per-method cache filled on the first call, whether the method
 * overrides an annotated one. That check costs an untraced method a few nanoseconds and the
 * join-point object AspectJ creates for around advice. It is a separate aspect so that an
 * application that annotates its implementations can leave it out ({@code <exclude
 * within="dev.weft.weaver.aspectj.WeftInheritedAspect"/>} under {@code <aspects>} in its own
 * aop.xml); {@link WeftAspect} covers directly annotated methods either way.
 */
@Aspect
public class WeftInheritedAspect {
  /** Creates the aspect; AspectJ makes the single instance. */
  public WeftInheritedAspect() {}

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
