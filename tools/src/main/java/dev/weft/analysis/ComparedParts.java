package dev.weft.analysis;

import dev.weft.SpanRecord;
import dev.weft.capture.JsonText;
import dev.weft.data.CustomSpanData;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.GenerationSpanData;
import dev.weft.data.GuardrailSpanData;
import dev.weft.data.McpToolsSpanData;
import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.SpeechSpanData;
import dev.weft.data.TranscriptionSpanData;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The parts of a span that a comparison looks at: what went in, what came out, and the error. A
 * type that records no input (an agent) or no output has none to differ.
 */
final class ComparedParts {
  private ComparedParts() {}

  /** Returns which of {@code input}, {@code output} and {@code error} differ between two spans. */
  static Set<String> changedParts(SpanRecord a, SpanRecord b) {
    Set<String> parts = new LinkedHashSet<>();
    if (!Objects.equals(input(a.data()), input(b.data()))) {
      parts.add("input");
    }
    if (!Objects.equals(output(a.data()), output(b.data()))) {
      parts.add("output");
    }
    if (!Objects.equals(error(a.error()), error(b.error()))) {
      parts.add("error");
    }
    return parts;
  }

  /** The span's input as text, or null when its type records none. */
  static String input(SpanData data) {
    if (data instanceof FunctionSpanData d) {
      return d.input();
    }
    if (data instanceof GenerationSpanData d) {
      return JsonText.write(d.input());
    }
    if (data instanceof SpeechSpanData d) {
      return d.input();
    }
    return null;
  }

  /** The span's output as text, or null when its type records none. */
  static String output(SpanData data) {
    if (data instanceof FunctionSpanData d) {
      return d.output();
    }
    if (data instanceof GenerationSpanData d) {
      return JsonText.write(d.output());
    }
    if (data instanceof TranscriptionSpanData d) {
      return d.output();
    }
    if (data instanceof GuardrailSpanData d) {
      return String.valueOf(d.triggered());
    }
    if (data instanceof McpToolsSpanData d) {
      return JsonText.write(d.result());
    }
    if (data instanceof CustomSpanData d) {
      return JsonText.write(d.data());
    }
    return null;
  }

  private static String error(SpanError error) {
    return error == null ? null : Objects.toString(error.message(), "");
  }
}
