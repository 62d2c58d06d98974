package com.acme.agents;

import dev.weft.ReadableSpan;
import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.Tracing;
import dev.weft.TracingProcessor;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the support desk under the agent. Exits with status 3 when the application saw anything
 * other than what its methods produced (another result instance, another exception).
 */
public final class SupportDeskApp {
  private SupportDeskApp() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--throwing-processor")) {
      Tracing.addProcessor(new ThrowingProcessor());
    }
    List<String> failures = new ArrayList<>();
    String answer =
        new SupportDesk(failures)
            .handle("conv-42", "user-7", "Where is my order 1234? " + Canary.VALUE);
    if (!answer.startsWith("handled: shipped")) {
      failures.add("workflow returned " + answer);
    }
    new OrderTools().ping();
    if (!failures.isEmpty()) {
      System.out.println("FAILURES " + failures);
      System.exit(3);
    }
    System.out.println("support desk done");
  }

  /** A processor that fails on every call; tracing must carry on and the application with it. */
  static final class ThrowingProcessor implements TracingProcessor {
    @Override
    public void onTraceStart(TraceRecord trace) {
      throw new IllegalStateException("processor failure");
    }

    @Override
    public void onTraceEnd(TraceRecord trace) {
      throw new IllegalStateException("processor failure");
    }

    @Override
    public void onSpanStart(ReadableSpan span) {
      throw new IllegalStateException("processor failure");
    }

    @Override
    public void onSpanEnd(SpanRecord span) {
      throw new IllegalStateException("processor failure");
    }

    @Override
    public void forceFlush() {
      throw new IllegalStateException("processor failure");
    }

    @Override
    public void shutdown() {
      throw new IllegalStateException("processor failure");
    }
  }
}
