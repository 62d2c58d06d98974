package dev.weft.instrumentation.springai;

import net.bytebuddy.asm.Advice.Argument;
import net.bytebuddy.asm.Advice.Enter;
import net.bytebuddy.asm.Advice.OnMethodEnter;
import net.bytebuddy.asm.Advice.OnMethodExit;
import net.bytebuddy.asm.Advice.Return;
import net.bytebuddy.asm.Advice.This;
import net.bytebuddy.asm.Advice.Thrown;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice woven into Spring AI's classes: each hands over to {@link SpringAiSpans} and
 * suppresses its own failures. Results and exceptions pass through as they are; a returned {@code
 * Flux} is replaced by one that behaves the same and ends the span with the stream.
 */
final class Advice {
  private Advice() {}

  /** {@code DefaultCallResponseSpec.doGetObservableChatClientResponse(request[, chain])}. */
  static final class ClientCall {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object spec, @Argument(0) Object request) {
      return SpringAiSpans.clientStart(spec, request);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      SpringAiSpans.clientEnd(state, result, thrown);
    }
  }

  /** {@code DefaultStreamResponseSpec.doGetObservableFluxChatResponse(request)}. */
  static final class ClientStream {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object spec, @Argument(0) Object request) {
      return SpringAiSpans.clientStart(spec, request);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object flux,
        @Thrown Throwable thrown) {
      flux = SpringAiSpans.streamReturned(state, flux, thrown);
    }
  }

  /** {@code DefaultAroundAdvisorChain.nextCall(request)}: the next advisor runs. */
  static final class AdvisorCall {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object chain) {
      return SpringAiSpans.advisorStart(chain, "callAdvisors");
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      SpringAiSpans.advisorEnd(state, thrown);
    }
  }

  /** {@code DefaultAroundAdvisorChain.nextStream(request)}. */
  static final class AdvisorStream {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object chain) {
      return SpringAiSpans.advisorStart(chain, "streamAdvisors");
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object flux,
        @Thrown Throwable thrown) {
      flux = SpringAiSpans.streamReturned(state, flux, thrown);
    }
  }

  /** A model's {@code call(Prompt)} or {@code internalCall(Prompt, ChatResponse)}. */
  static final class ModelCall {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object model, @Argument(0) Object prompt) {
      return SpringAiSpans.generationStart(model, prompt, null);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object response,
        @Thrown Throwable thrown) {
      SpringAiSpans.generationEnd(state, response, thrown);
    }
  }

  /** A model's {@code stream(Prompt)} or {@code internalStream(Prompt, ChatResponse)}. */
  static final class ModelStream {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(
        @This Object model,
        @Argument(0) Object prompt,
        @Argument(value = 1, optional = true, typing = Assigner.Typing.DYNAMIC) Object previous) {
      return SpringAiSpans.generationStart(model, prompt, previous);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object flux,
        @Thrown Throwable thrown) {
      flux = SpringAiSpans.streamReturned(state, flux, thrown);
    }
  }

  /** {@code DefaultToolCallingManager.executeToolCalls(prompt, response)}. */
  static final class ToolCalls {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Argument(0) Object prompt, @Argument(1) Object response) {
      return SpringAiSpans.toolCallsStart(prompt, response);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Enter Object scope) {
      SpringAiSpans.toolCallsEnd(scope);
    }
  }

  /** A tool callback's {@code call(input[, context])}. */
  static final class Tool {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@This Object callback, @Argument(0) Object input) {
      return SpringAiSpans.toolStart(callback, input);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      SpringAiSpans.toolEnd(state, result, thrown);
    }
  }
}
