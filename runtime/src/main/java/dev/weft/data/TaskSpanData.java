package dev.weft.data;

/**
 * One task of a workflow: exported as {@code {"type":"custom","name":"task","data":
 * {"sdk_span_type":"task","name",…,"usage"?}}}.
 *
 * @param name the task name
 * @param usage token usage of the task, or null
 */
public record TaskSpanData(String name, Usage usage) implements SpanData {

  @Override
  public String type() {
    return "task";
  }

  @Override
  public String displayName() {
    return name;
  }

  @Override
  public SpanData withoutSensitiveContent() {
    return this;
  }

  /** Returns this data with {@code newUsage} as its token usage. */
  @Override
  public TaskSpanData withUsage(Usage newUsage) {
    return new TaskSpanData(name, newUsage);
  }
}
