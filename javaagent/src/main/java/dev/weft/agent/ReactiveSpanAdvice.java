package dev.weft.agent;

import dev.weft.Tracing;
import dev.weft.weaver.WovenMethods;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code woven around a span method that returns a Reactor {@code Mono} or {@code Flux}, a {@code
 * Stream}, an {@code Iterator}, a {@code CompletableFuture} or a {@code CompletionStage}: as {@link
 * SpanAdvice}, but the result may be replaced: by one that ends the span when it terminates (or is
 * exhausted, closed or fails), since such a result does its work only once consumed; and a future
 * by a dependent one that completes only after the span has ended.
 */
final class ReactiveSpanAdvice {
  private ReactiveSpanAdvice() {}

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
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable thrown) {
    if (call != null) {
      result = WovenMethods.exit(id, type, call, result, thrown);
    }
  }
}
