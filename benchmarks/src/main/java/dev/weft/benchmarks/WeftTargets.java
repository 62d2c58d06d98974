package dev.weft.benchmarks;

import dev.weft.Span;
import dev.weft.Tracing;
import dev.weft.annotations.ToolSpan;

/**
 * The benchmarked methods traced by Weft's agent, with the same names and bodies as {@link
 * PlainTargets} and {@link OtelTargets}.
 *
 * <p>{@code span} and {@code throwing} capture nothing, like {@code @WithSpan} without attributes;
 * {@code twoStrings} captures its two arguments, like two {@code @SpanAttribute} parameters. No
 * result is captured because {@code @WithSpan} records none either.
 */
public class WeftTargets {
  /** A method with one argument and a result, traced without capture. */
  @ToolSpan(captureArguments = false, captureResult = false)
  public long span(long x) {
    return x * 31 + 7;
  }

  /** A method whose two String arguments are captured. */
  @ToolSpan(captureResult = false)
  public int twoStrings(String user, String query) {
    return user.length() + query.length();
  }

  /** A method that always throws; the span records the exception. */
  @ToolSpan(captureArguments = false, captureResult = false)
  public long throwing(long x) {
    throw new IllegalStateException("tool failed");
  }

  /** Returns whether a recording Weft span is current inside a traced method. */
  @ToolSpan(captureArguments = false, captureResult = false)
  public boolean insideSpan() {
    Span current = Tracing.currentSpan();
    return current != null && current.isRecording();
  }
}
