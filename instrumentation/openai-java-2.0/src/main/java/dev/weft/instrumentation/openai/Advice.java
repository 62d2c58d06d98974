package dev.weft.instrumentation.openai;

import net.bytebuddy.asm.Advice.Argument;
import net.bytebuddy.asm.Advice.Enter;
import net.bytebuddy.asm.Advice.OnMethodEnter;
import net.bytebuddy.asm.Advice.OnMethodExit;
import net.bytebuddy.asm.Advice.Return;
import net.bytebuddy.asm.Advice.Thrown;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice woven into openai-java's services: each only hands over to {@link OpenAiJavaSpans} and
 * suppresses its own failures. Arguments and exceptions are left as they are; a streamed result is
 * replaced by a view of it that behaves the same and ends the span with the stream.
 */
final class Advice {
  private Advice() {}

  /** {@code create(params, requestOptions)}: a result, or a future of one on the async client. */
  static final class Request {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Argument(0) Object params) {
      return OpenAiJavaSpans.requestStart(params);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      OpenAiJavaSpans.requestEnd(state, result, thrown);
    }
  }

  /** {@code createStreaming(params, requestOptions)}: a stream, blocking or asynchronous. */
  static final class StreamingRequest {
    @OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Argument(0) Object params) {
      return OpenAiJavaSpans.requestStart(params);
    }

    @OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Enter Object state,
        @Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object result,
        @Thrown Throwable thrown) {
      result = OpenAiJavaSpans.streamingRequestEnd(state, result, thrown);
    }
  }
}
