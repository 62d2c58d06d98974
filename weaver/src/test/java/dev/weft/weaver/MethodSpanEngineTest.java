package dev.weft.weaver;

import static dev.weft.weaver.Fixtures.method;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.SpanRecord;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.data.CustomSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.HandoffSpanData;
import dev.weft.data.McpToolsSpanData;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.TurnSpanData;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MethodSpanEngineTest {
  private RecordingProcessor recorder;

  @BeforeEach
  void configure() {
    recorder = TracingSetup.configure("");
  }

  @AfterEach
  void enableAgain() {
    Tracing.enable();
  }

  private static MethodDescriptor descriptor(String name) {
    return MethodSpanEngine.descriptorFor(method(Fixtures.Agent.class, name));
  }

  private static Object call(String name, Object result, Throwable thrown, Object... args) {
    MethodDescriptor d = descriptor(name);
    Object call = MethodSpanEngine.enter(d, args);
    return MethodSpanEngine.exit(d, call, result, thrown);
  }

  @Test
  void toolCall_recordsArgumentsResultAndAttributes_andRedactsSecrets() {
    Object returned = call("lookup", "found", null, "42", "s3cret", "sk-abc");

    SpanRecord span = recorder.only();
    FunctionSpanData data = (FunctionSpanData) span.data();
    assertThat(returned).isEqualTo("found");
    assertThat(data.input())
        .isEqualTo("{\"orderId\":\"42\",\"secret\":\"[REDACTED]\",\"apiKey\":\"[REDACTED]\"}");
    assertThat(data.output()).isEqualTo("found");
    assertThat(span.metadata()).containsEntry("order.id", "42");
  }

  @Test
  void exit_returnsTheSameInstance_andRecordsTheException() {
    Object result = new Object();
    IllegalStateException failure = new IllegalStateException("broken");

    assertThat(call("lookup", result, null, "1", "2", "3")).isSameAs(result);
    call("lookup", null, failure, "1", "2", "3");

    assertThat(recorder.ended.get(1).error().message()).isEqualTo("broken");
    assertThat(((FunctionSpanData) recorder.ended.get(1).data()).output()).isNull();
  }

  @Test
  void sensitiveMethodResult_isRedacted() {
    call("token", "tok-1", null, "ada");

    assertThat(((FunctionSpanData) recorder.only().data()).output()).isEqualTo("[REDACTED]");
    assertThat(((FunctionSpanData) recorder.only().data()).input()).isNull();
  }

  @Test
  void withoutSensitiveData_nothingIsCapturedOrRendered() {
    recorder = TracingSetup.configure("include-sensitive-data=false");
    MethodDescriptor d = descriptor("lookup");

    assertThat(MethodSpanEngine.needsArguments(d)).isFalse();
    Object call = MethodSpanEngine.enter(d, null);
    MethodSpanEngine.exit(d, call, "found", null);

    FunctionSpanData data = (FunctionSpanData) recorder.only().data();
    assertThat(data.input()).isNull();
    assertThat(data.output()).isNull();
    assertThat(recorder.only().metadata()).isEmpty();
  }

  @Test
  void generation_recordsMessagesModelConfigAndUsage() {
    Fixtures.Reply reply = new Fixtures.Reply("hi there", new Fixtures.Usage(11, 4));

    call("generate", reply, null, List.of(Map.of("role", "user", "content", "hi")), 0.5);

    GenerationSpanData data = (GenerationSpanData) recorder.only().data();
    assertThat(data.model()).isEqualTo("m1");
    assertThat(data.input()).containsExactly(Map.of("role", "user", "content", "hi"));
    assertThat(data.modelConfig()).containsEntry("temperature", 0.5);
    assertThat(data.output()).hasSize(1);
    assertThat(data.usage().inputTokens()).isEqualTo(11);
    assertThat(data.usage().outputTokens()).isEqualTo(4);
  }

  @Test
  void response_guardrail_handoff_andMcpTools_readTheirResult() {
    MethodDescriptor agent = descriptor("run");
    Object agentCall = MethodSpanEngine.enter(agent, null);
    call("respond", new Fixtures.Answer("resp_1", new Fixtures.Usage(3, 2)), null);
    call("check", new Fixtures.Verdict(true), null, "text");
    call("check", null, new IllegalArgumentException("down"), "text");
    call("handoff", new Fixtures.Target("Billing"), null);
    call("tools", List.of(new Fixtures.Tool("a"), new Fixtures.Tool("b")), null);
    MethodSpanEngine.exit(agent, agentCall, null, null);

    ResponseSpanData response = (ResponseSpanData) recorder.ended.get(0).data();
    assertThat(response.responseId()).isEqualTo("resp_1");
    assertThat(response.usage().inputTokens()).isEqualTo(3);
    assertThat(((GuardrailSpanData) recorder.ended.get(1).data()).triggered()).isTrue();
    assertThat(((GuardrailSpanData) recorder.ended.get(2).data()).triggered()).isTrue();
    assertThat(recorder.ended.get(2).error().message()).isEqualTo("down");
    assertThat(recorder.ended.get(3).data()).isEqualTo(new HandoffSpanData("Agent", "Billing"));
    assertThat(((McpToolsSpanData) recorder.ended.get(4).data()).result())
        .containsExactly("a", "b");
  }

  @Test
  void turns_areNumberedWithinTheirAgent() {
    MethodDescriptor agent = descriptor("run");
    Object agentCall = MethodSpanEngine.enter(agent, null);
    call("turn", null, null);
    call("turn", null, null);
    MethodSpanEngine.exit(agent, agentCall, null, null);

    assertThat(recorder.ended.subList(0, 2))
        .extracting(s -> ((TurnSpanData) s.data()).turn())
        .containsExactly(1, 2);
    assertThat(((TurnSpanData) recorder.ended.get(0).data()).agentName()).isEqualTo("Agent");
  }

  @Test
  void workflow_startsATrace_orACustomSpanInsideOne() {
    MethodDescriptor flow = descriptor("flow");

    Object outer = MethodSpanEngine.enter(flow, new Object[] {"conv-1", "ada"});
    Trace trace = Tracing.currentTrace();
    Object inner = MethodSpanEngine.enter(flow, new Object[] {null, "bob"});
    MethodSpanEngine.exit(flow, inner, "done", null);
    MethodSpanEngine.exit(flow, outer, "done", null);

    assertThat(trace.workflowName()).isEqualTo("flow");
    assertThat(trace.groupId()).isEqualTo("conv-1");
    assertThat(trace.metadata()).containsEntry("user", "ada");
    assertThat(recorder.only().data()).isInstanceOf(CustomSpanData.class);
    assertThat(((CustomSpanData) recorder.only().data()).data()).containsEntry("result", "done");
    assertThat(recorder.endedTraces).hasSize(1);
    assertThat(Tracing.currentTrace()).isNull();
  }

  @Test
  void traceMetadataAndGroupId_areKeptWithoutSensitiveData_butASensitiveValueStaysRedacted() {
    for (String sensitiveData : List.of("true", "false")) {
      recorder = TracingSetup.configure("include-sensitive-data=" + sensitiveData);
      MethodDescriptor vault = descriptor("vault");

      Object call = MethodSpanEngine.enter(vault, new Object[] {"conv-9", "ada", "4711"});
      Trace trace = Tracing.currentTrace();
      MethodSpanEngine.exit(vault, call, "opened", null);

      assertThat(trace.groupId()).as(sensitiveData).isEqualTo("conv-9");
      assertThat(trace.metadata())
          .as(sensitiveData)
          .containsEntry("user", "ada")
          .containsEntry("pin", "[REDACTED]");
      assertThat(recorder.endedTraces.get(0).metadata()).containsEntry("pin", "[REDACTED]");
    }
  }

  @Test
  void anErrorThatSkippedInnerExits_unwindsTheContextAsFarAsTheStack() {
    // A traced recursion overflows: the innermost calls' exit advice never runs, and the
    // application catches the error around the outermost call.
    MethodDescriptor flow = descriptor("flow");
    MethodDescriptor lookup = descriptor("lookup");
    StackOverflowError overflow = new StackOverflowError();

    Object workflow = MethodSpanEngine.enter(flow, new Object[] {null, "ada"});
    Object outer = MethodSpanEngine.enter(lookup, new Object[] {"1", "2", "3"});
    for (int i = 0; i < 5; i++) {
      MethodSpanEngine.enter(lookup, new Object[] {"1", "2", "3"}); // never exits
    }
    MethodSpanEngine.exit(lookup, outer, null, overflow);

    assertThat(Tracing.currentSpan()).as("the outer call's caller is current again").isNull();
    assertThat(recorder.ended).hasSize(6);
    assertThat(recorder.ended.subList(0, 5))
        .allSatisfy(
            span ->
                assertThat(span.error().message())
                    .isEqualTo("exited by java.lang.StackOverflowError"));
    MethodSpanEngine.exit(flow, workflow, null, null);
    assertThat(Tracing.currentTrace()).isNull();

    // The next workflow is a trace of its own, not a span of the dead one.
    Object next = MethodSpanEngine.enter(flow, new Object[] {null, "bob"});
    Trace nextTrace = Tracing.currentTrace();
    MethodSpanEngine.exit(flow, next, "done", null);
    assertThat(nextTrace.traceId()).isNotEqualTo(recorder.ended.get(0).traceId());
    assertThat(recorder.endedTraces).hasSize(2);
  }

  @Test
  void aWorkflowLeftByAnError_endsTheSpansItsInnerCallsLeftOpen() {
    MethodDescriptor flow = descriptor("flow");
    MethodDescriptor lookup = descriptor("lookup");

    Object workflow = MethodSpanEngine.enter(flow, new Object[] {null, "ada"});
    MethodSpanEngine.enter(lookup, new Object[] {"1", "2", "3"}); // never exits
    MethodSpanEngine.exit(flow, workflow, null, new StackOverflowError());

    assertThat(Tracing.currentTrace()).isNull();
    assertThat(Tracing.currentSpan()).isNull();
    assertThat(recorder.ended).hasSize(1);
    assertThat(recorder.endedTraces).hasSize(1);
  }

  @Test
  void aReturnedStream_endsItsSpanWhenConsumed_withTheItemCount() {
    MethodDescriptor chunks = MethodSpanEngine.descriptorFor(method(Fixtures.Feed.class, "chunks"));
    Object call = MethodSpanEngine.enter(chunks, new Object[] {"news"});
    Object returned = MethodSpanEngine.exit(chunks, call, Stream.of("a", "b", "c"), null);

    assertThat(recorder.ended).as("nothing is consumed yet").isEmpty();
    assertThat(Tracing.currentSpan()).as("the caller's thread is released").isNull();
    assertThat(((Stream<?>) returned).map(String::valueOf).toList()).containsExactly("a", "b", "c");
    assertThat(recorder.only().metadata()).containsEntry("items", 3L);
  }

  @Test
  void aReturnedStream_endsWhenClosedHalfRead_orWhenItFails() {
    MethodDescriptor chunks = MethodSpanEngine.descriptorFor(method(Fixtures.Feed.class, "chunks"));
    Object call = MethodSpanEngine.enter(chunks, new Object[] {"news"});
    Stream<?> returned =
        (Stream<?>) MethodSpanEngine.exit(chunks, call, Stream.iterate(1, i -> i + 1), null);
    try (returned) {
      assertThat((Object) returned.findFirst().orElseThrow()).isEqualTo(1);
    }
    assertThat(recorder.only().metadata()).containsEntry("items", 1L);

    Object failing = MethodSpanEngine.enter(chunks, new Object[] {"news"});
    Stream<?> broken =
        (Stream<?>)
            MethodSpanEngine.exit(
                chunks,
                failing,
                Stream.of("x")
                    .map(
                        item -> {
                          throw new IllegalStateException("feed broke");
                        }),
                null);
    try {
      broken.toList();
    } catch (IllegalStateException expected) {
      // the application's exception passes through
    }
    assertThat(recorder.ended.get(1).error().message()).isEqualTo("feed broke");
  }

  @Test
  void aReturnedIterator_endsItsSpanWhenExhausted() {
    MethodDescriptor pages = MethodSpanEngine.descriptorFor(method(Fixtures.Feed.class, "pages"));
    Object call = MethodSpanEngine.enter(pages, new Object[] {"news"});
    Iterator<?> returned =
        (Iterator<?>) MethodSpanEngine.exit(pages, call, List.of("p1", "p2").iterator(), null);

    assertThat(returned.next()).isEqualTo("p1");
    assertThat(recorder.ended).isEmpty();
    assertThat(returned.next()).isEqualTo("p2");
    assertThat(returned.hasNext()).isFalse();
    assertThat(recorder.only().metadata()).containsEntry("items", 2L);
  }

  @Test
  void aReturnedPublisher_endsItsSpanWhenItsSubscriptionCompletes_withTheItemCount()
      throws Exception {
    MethodDescriptor ticks = MethodSpanEngine.descriptorFor(method(Fixtures.Feed.class, "ticks"));
    Object call = MethodSpanEngine.enter(ticks, new Object[] {"clock"});
    java.util.concurrent.SubmissionPublisher<String> source =
        new java.util.concurrent.SubmissionPublisher<>(Runnable::run, 8);
    @SuppressWarnings("unchecked")
    java.util.concurrent.Flow.Publisher<String> returned =
        (java.util.concurrent.Flow.Publisher<String>)
            MethodSpanEngine.exit(ticks, call, source, null);
    List<String> received = new java.util.ArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    returned.subscribe(
        new java.util.concurrent.Flow.Subscriber<String>() {
          @Override
          public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
          }

          @Override
          public void onNext(String item) {
            received.add(item);
          }

          @Override
          public void onError(Throwable failure) {
            done.completeExceptionally(failure);
          }

          @Override
          public void onComplete() {
            done.complete(null);
          }
        });
    source.submit("t1");
    source.submit("t2");
    assertThat(recorder.ended).as("the subscription is still open").isEmpty();
    source.close();
    done.get(5, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(received).containsExactly("t1", "t2");
    assertThat(recorder.only().metadata()).containsEntry("items", 2L);
  }

  @Test
  void aReturnedStreamLeftUnread_endsWithItsTrace_markedAbandoned() {
    MethodDescriptor chunks = MethodSpanEngine.descriptorFor(method(Fixtures.Feed.class, "chunks"));
    Trace trace = Tracing.trace("reading").start();
    Object call = MethodSpanEngine.enter(chunks, new Object[] {"news"});
    Stream<?> returned =
        (Stream<?>) MethodSpanEngine.exit(chunks, call, Stream.iterate(1, i -> i + 1), null);
    assertThat((Object) returned.findFirst().orElseThrow()).isEqualTo(1);
    assertThat(recorder.ended).as("neither exhausted nor closed").isEmpty();

    trace.close();

    assertThat(recorder.only().metadata())
        .containsEntry("items", 1L)
        .containsEntry("abandoned", true);
    assertThat(recorder.endedTraces).hasSize(1);
  }

  @Test
  void workflow_withoutAGroupIdArgument_usesTheAnnotationGroupId() {
    MethodDescriptor flow = descriptor("flow");

    Object call = MethodSpanEngine.enter(flow, new Object[] {null, "ada"});
    String groupId = Tracing.currentTrace().groupId();
    MethodSpanEngine.exit(flow, call, null, null);

    assertThat(groupId).isEqualTo("default-group");
  }

  @Test
  void asyncResult_releasesTheThreadAtExit_andEndsTheSpanOnCompletion() {
    MethodDescriptor agent = descriptor("run");
    CompletableFuture<Fixtures.Reply> future = new CompletableFuture<>();

    Object call = MethodSpanEngine.enter(agent, null);
    Object returned = MethodSpanEngine.exit(agent, call, future, null);

    assertThat(Tracing.currentSpan()).isNull();
    assertThat(recorder.ended).isEmpty();
    Fixtures.Reply ok = new Fixtures.Reply("ok", null);
    future.complete(ok);
    assertThat(recorder.ended).hasSize(1);
    assertThat(((CompletableFuture<?>) returned).join()).isSameAs(ok);
    future.complete(new Fixtures.Reply("again", null));
    assertThat(recorder.ended).hasSize(1);
  }

  @Test
  void asyncResult_isSeenByTheCallerOnlyAfterTheSpanHasEnded() {
    MethodDescriptor agent = descriptor("run");
    CompletableFuture<Fixtures.Reply> future = new CompletableFuture<>();
    List<Integer> endedWhenSeen = new java.util.ArrayList<>();

    Object returned =
        MethodSpanEngine.exit(agent, MethodSpanEngine.enter(agent, null), future, null);
    // The caller chains to what it got back; the completing thread runs the chain.
    ((CompletableFuture<?>) returned).thenRun(() -> endedWhenSeen.add(recorder.ended.size()));
    future.complete(new Fixtures.Reply("ok", null));

    assertThat(returned).isNotSameAs(future);
    assertThat(endedWhenSeen).containsExactly(1);
  }

  @Test
  void asyncFailure_reachesTheCallerAsTheSameExceptionAfterTheSpanHasEnded() {
    MethodDescriptor agent = descriptor("stage");
    CompletableFuture<Fixtures.Reply> future = new CompletableFuture<>();
    IllegalStateException late = new IllegalStateException("late");
    List<Object> seen = new java.util.ArrayList<>();

    Object returned =
        MethodSpanEngine.exit(agent, MethodSpanEngine.enter(agent, null), future, null);
    ((java.util.concurrent.CompletionStage<?>) returned)
        .exceptionally(
            error -> {
              seen.add(error);
              seen.add(recorder.ended.size());
              return null;
            });
    future.completeExceptionally(late);

    assertThat(seen).containsExactly(late, 1);
    assertThat(recorder.only().error().message()).isEqualTo("late");
  }

  @Test
  void asyncResult_cancelledByTheCaller_cancelsTheMethodsFutureAndEndsTheSpan() {
    MethodDescriptor agent = descriptor("run");
    CompletableFuture<Fixtures.Reply> future = new CompletableFuture<>();

    Object returned =
        MethodSpanEngine.exit(agent, MethodSpanEngine.enter(agent, null), future, null);
    ((CompletableFuture<?>) returned).cancel(true);

    assertThat(future).isCancelled();
    assertThat(recorder.only().error()).isNotNull();
  }

  @Test
  void asyncResult_ofAnApplicationsOwnFutureType_isReturnedItself() {
    MethodDescriptor agent = descriptor("labelled");
    Fixtures.LabelledFuture future = new Fixtures.LabelledFuture();

    Object returned =
        MethodSpanEngine.exit(agent, MethodSpanEngine.enter(agent, null), future, null);
    future.complete(new Fixtures.Reply("ok", null));

    assertThat(returned).isSameAs(future);
    assertThat(recorder.ended).hasSize(1);
  }

  @Test
  void asyncFailure_isRecordedUnwrapped() {
    MethodDescriptor agent = descriptor("run");
    CompletableFuture<Fixtures.Reply> future = new CompletableFuture<>();

    MethodSpanEngine.exit(agent, MethodSpanEngine.enter(agent, null), future, null);
    future.completeExceptionally(
        new java.util.concurrent.CompletionException(new IllegalStateException("late")));

    assertThat(recorder.only().error().message()).isEqualTo("late");
  }

  @Test
  void disabledTracing_opensNothing() {
    Tracing.disable();

    Object call = MethodSpanEngine.enter(descriptor("lookup"), new Object[] {"1", "2", "3"});

    assertThat(call).isNull();
    assertThat(MethodSpanEngine.exit(descriptor("lookup"), call, "r", null)).isEqualTo("r");
    assertThat(recorder.ended).isEmpty();
  }

  @Test
  void exit_withAFailingResultAccessor_stillEndsTheSpanAndReturnsTheResult() {
    Object hostile =
        new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("hostile");
          }
        };

    assertThat(call("lookup", hostile, null, "1", "2", "3")).isSameAs(hostile);
    assertThat(recorder.only().isEnded()).isTrue();
  }

  @Test
  void spanOfATraceNotKept_rendersNothing() {
    recorder = TracingSetup.configure("sampler.ratio=0");
    java.util.concurrent.atomic.AtomicInteger rendered =
        new java.util.concurrent.atomic.AtomicInteger();
    Object argument =
        new Object() {
          @Override
          public String toString() {
            rendered.incrementAndGet();
            return "argument";
          }
        };

    try (Trace trace = Tracing.trace("not kept").start()) {
      call("lookup", argument, null, argument, "2", "3");
    }

    assertThat(rendered).hasValue(0);
    assertThat(recorder.ended).isEmpty();
  }

  @Test
  void customSpan_recordsArgumentsByNameAndResult() {
    call("custom", 7, null, 7);

    assertThat(((CustomSpanData) recorder.only().data()).data())
        .containsEntry("n", 7L)
        .containsEntry("result", 7L);
  }
}
