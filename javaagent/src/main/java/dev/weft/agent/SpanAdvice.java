package dev.weft.agent;

import dev.weft.Tracing;
import dev.weft.weaver.WovenMethods;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code woven around a span method. Inlined into the method: it may refer only to the JDK and to
 * Weft's runtime, which every class loader answers from the agent's loader.
 *
 * <p>With tracing disabled it reads one field and returns. The argument array is built only when
 * the engine needs it (Byte Buddy creates it where {@code args} is read).
 */
final class SpanAdvice {
  private SpanAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(
      @MethodId int id, @Advice.Origin Class<?> type, @Advice.AllArguments Object[] args) {
    if (!Tracing.isEnabled()) {
      return null;
    }
    return WovenMethods.needsArguments(id, type)
        ? WovenMethods.enter(id, type, args)
        : WovenMethods.enter(id, type, null);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @MethodId int id,
      @Advice.Origin Class<?> type,
      @Advice.Enter Object call,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable thrown) {
    if (call != null) {
      WovenMethods.exit(id, type, call, result, thrown);
    }
  }

  /**
   * The exit for a method returning a primitive that nothing records ({@code captureResult =
   * false}): reading the result would box it on every call.
   */
  static final class WithoutResult {
    private WithoutResult() {}

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @MethodId int id,
        @Advice.Origin Class<?> type,
        @Advice.Enter Object call,
        @Advice.Thrown Throwable thrown) {
      if (call != null) {
        WovenMethods.exit(id, type, call, null, thrown);
      }
    }
  }
}
