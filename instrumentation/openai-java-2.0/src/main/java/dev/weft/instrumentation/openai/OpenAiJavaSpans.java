package dev.weft.instrumentation.openai;

import dev.weft.Span;
import dev.weft.Tracing;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.Usage;
import dev.weft.instrumentation.api.Completion;
import dev.weft.internal.WeftLog;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the openai-java advice does, out of line: starts the span of a chat completion ({@code
 * generation}) or a Responses API call ({@code response}) and ends it with the result, when the
 * future completes, or when the stream has been read, closed or has failed. Every method is safe to
 * call with anything: a failure is logged once, rate-limited, and never reaches the application.
 *
 * <p>One span per model request across layers: when the span current at the call is already a
 * {@code generation} (or {@code response}) span, a framework above openai-java or the application
 * describes this request, so no second span starts; the request's model and usage fill in what that
 * span lacks.
 */
public final class OpenAiJavaSpans {
  private static final String CHAT_PARAMS =
      "com.openai.models.chat.completions.ChatCompletionCreateParams";

  /** Requests already inside one on this thread: a service calling another is one request. */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private OpenAiJavaSpans() {}

  /**
   * Starts the span of a request made with {@code params}, a {@code ChatCompletionCreateParams} or
   * a {@code ResponseCreateParams}. Returns the request's state for {@link #requestEnd} or {@link
   * #streamingRequestEnd}, or null when nothing is traced.
   */
  public static Object requestStart(Object params) {
    int[] depth = DEPTH.get();
    depth[0]++;
    if (depth[0] > 1 || params == null) {
      return null;
    }
    try {
      if (!Tracing.isEnabled()) {
        return null;
      }
      boolean chat = params.getClass().getName().equals(CHAT_PARAMS);
      Map<String, Object> body = Json.object(params.getClass().getMethod("_body").invoke(params));
      Content content = Content.current();
      Span current = Tracing.currentSpan();
      if (current != null && describesRequest(current.data())) {
        return new Call(chat, null, current, content);
      }
      Span span =
          Tracing.startSpan(
              chat ? ChatCompletions.request(body, content) : new ResponseSpanData(null, null));
      String model = Json.textAt(body, "model");
      if (!chat && model != null) {
        span.setMetadata("model", model);
      }
      return new Call(chat, span, null, content);
    } catch (Throwable t) {
      failed("request", t);
      return null;
    }
  }

  /**
   * Ends the span of {@code create}: with the completion or response, with the exception, or, for a
   * future, when the future completes.
   */
  public static void requestEnd(Object state, Object result, Throwable thrown) {
    DEPTH.get()[0]--;
    if (!(state instanceof Call call)) {
      return;
    }
    try {
      if (thrown != null) {
        call.finish(unwrap(thrown), true);
      } else if (result instanceof CompletionStage<?> stage) {
        call.releaseScope();
        boolean watched =
            Completion.watchStage(
                stage,
                new Completion.Listener() {
                  @Override
                  public void onItem(Object item) {
                    call.result(item);
                  }

                  @Override
                  public void onEnd(Throwable failure, boolean cancelled) {
                    call.finish(failure, false);
                  }
                });
        if (!watched) {
          call.finish(null, false);
        }
      } else {
        call.result(result);
        call.finish(null, true);
      }
    } catch (Throwable t) {
      failed("request-end", t);
      call.finish(null, true);
    }
  }

  /**
   * Ends the call of {@code createStreaming}: a failure to start ends the span; otherwise the span
   * is released from this thread and the stream returned is a view of {@code result} that ends the
   * span when it is read to the end, closed, or fails. Returns what the application is to get.
   */
  public static Object streamingRequestEnd(Object state, Object result, Throwable thrown) {
    DEPTH.get()[0]--;
    if (!(state instanceof Call call)) {
      return result;
    }
    try {
      if (thrown != null) {
        call.finish(unwrap(thrown), true);
        return result;
      }
      call.releaseScope();
      Object observed = Streams.observe(result, call);
      if (observed == null) {
        call.finish(null, false);
        return result;
      }
      return observed;
    } catch (Throwable t) {
      failed("stream-start", t);
      call.finish(null, false);
      return result;
    }
  }

  private static boolean describesRequest(SpanData data) {
    return data instanceof GenerationSpanData || data instanceof ResponseSpanData;
  }

  private static Throwable unwrap(Throwable thrown) {
    Throwable cause = Completion.unwrap(thrown);
    return cause instanceof InvocationTargetException e && e.getCause() != null
        ? e.getCause()
        : cause;
  }

  static void failed(String what, Throwable t) {
    WeftLog.warnRateLimited("openai-java-" + what, "openai-java tracing failed at " + what, t);
  }

  /**
   * One request under way: its own span, or the span of an outer layer to fill in, and what it has
   * answered so far (the result object, or the chunks of a stream).
   */
  static final class Call {
    private final boolean chat;
    private final Span span;
    private final Span outer;
    private final Content content;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final ChatCompletions.Chunks chunks = new ChatCompletions.Chunks();
    private volatile Map<String, Object> answer;

    Call(boolean chat, Span span, Span outer, Content content) {
      this.chat = chat;
      this.span = span;
      this.outer = outer;
      this.content = content;
    }

    /** Leaves the span open but no longer current: the answer comes later. */
    void releaseScope() {
      if (span != null) {
        span.releaseScope();
      }
    }

    /** Takes the result of the request: a {@code ChatCompletion} or a {@code Response}. */
    void result(Object result) {
      Map<String, Object> json = Json.object(result);
      if (json != null) {
        answer = json;
      }
    }

    /**
     * Takes one item of a stream: a {@code ChatCompletionChunk} or a {@code ResponseStreamEvent}.
     */
    void chunk(Object item) {
      try {
        if (chat) {
          chunks.add(item);
        } else {
          Map<String, Object> response = Responses.ofEvent(Json.object(item));
          if (response != null) {
            answer = response;
          }
        }
      } catch (Throwable t) {
        failed("chunk", t);
      }
    }

    /**
     * Records the answer and {@code failure} and ends the span, once: {@code close} when the span
     * is still current on this thread, else only ends it.
     */
    void finish(Throwable failure, boolean close) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      try {
        Map<String, Object> json = answer;
        if (chat && chunks.count() > 0) {
          json = chunks.completion();
        }
        if (span != null) {
          record(json, failure);
        } else if (outer != null && json != null) {
          fillIn(json);
        }
      } catch (Throwable t) {
        failed("end", t);
      } finally {
        if (span != null) {
          if (close) {
            span.close();
          } else {
            span.end();
          }
        }
      }
    }

    private void record(Map<String, Object> json, Throwable failure) {
      if (json != null) {
        if (chat && span.data() instanceof GenerationSpanData data) {
          span.setData(ChatCompletions.completed(data, json, content));
        } else if (!chat) {
          span.setData(Responses.completed(json));
          String model = Json.textAt(json, "model");
          if (model != null) {
            span.setMetadata("model", model);
          }
          String error = Responses.error(json);
          if (error != null && failure == null) {
            span.setError(SpanError.of(error));
          }
        }
      }
      if (failure != null) {
        span.recordException(failure);
      }
    }

    /** Gives the outer layer's span the model and usage it lacks. */
    private void fillIn(Map<String, Object> json) {
      String model = Json.textAt(json, "model");
      Usage usage = chat ? ChatCompletions.usage(json) : Responses.usage(json);
      SpanData data = outer.data();
      if (data instanceof GenerationSpanData generation) {
        outer.setData(
            new GenerationSpanData(
                generation.input(),
                generation.output(),
                generation.model() != null ? generation.model() : model,
                generation.modelConfig(),
                generation.usage() != null ? generation.usage() : usage));
      } else if (data instanceof ResponseSpanData response) {
        outer.setData(
            new ResponseSpanData(
                response.responseId() != null ? response.responseId() : Responses.id(json),
                response.usage() != null ? response.usage() : usage));
      }
    }
  }
}
