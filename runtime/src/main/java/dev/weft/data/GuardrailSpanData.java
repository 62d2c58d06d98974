package dev.weft.data;

/**
 * A guardrail check: exported as {@code {"type":"guardrail","name","triggered"}}.
 *
 * @param name the guardrail name
 * @param triggered whether the guardrail tripped
 */
public record GuardrailSpanData(String name, boolean triggered) implements SpanData {

  @Override
  public String type() {
    return "guardrail";
  }

  @Override
  public String displayName() {
    return name;
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return this;
  }
}
