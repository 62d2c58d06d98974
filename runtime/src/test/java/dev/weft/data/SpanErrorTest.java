package dev.weft.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanErrorTest {

  @Test
  void fromException_keepsMessageTypeAndTopFrames() {
    SpanError error = SpanError.fromException(new IllegalStateException("order 42 missing"), true);
    assertThat(error.message()).isEqualTo("order 42 missing");
    assertThat(error.data()).containsEntry("type", "java.lang.IllegalStateException");
    assertThat((List<?>) error.data().get("stack")).isNotEmpty().hasSizeLessThanOrEqualTo(12);
  }

  @Test
  void fromException_withoutMessage_usesTheSimpleClassName() {
    assertThat(SpanError.fromException(new IllegalStateException("secret"), false).message())
        .isEqualTo("IllegalStateException");
    assertThat(SpanError.fromException(new NullPointerException(), true).message())
        .isEqualTo("NullPointerException");
  }

  @Test
  void fromException_whoseGetMessageThrows_stillGivesAnError() {
    RuntimeException hostile =
        new RuntimeException() {
          @Override
          public String getMessage() {
            throw new UnsupportedOperationException();
          }
        };
    assertThat(SpanError.fromException(hostile, true).message()).isNotEmpty();
  }

  @Test
  void withoutSensitiveContent_keepsOnlyTheTypeOfAnExceptionError_andTheMessageOfAHandMadeOne() {
    SpanError fromException =
        SpanError.fromException(new IllegalArgumentException("user typed 1234"), true);
    SpanError stripped = fromException.withoutSensitiveContent();
    assertThat(stripped.message()).isEqualTo("IllegalArgumentException");
    assertThat(stripped.data()).containsOnlyKeys("type", "stack");
    SpanError handMade = new SpanError("quota exceeded", Map.of("prompt", "secret"));
    assertThat(handMade.withoutSensitiveContent()).isEqualTo(SpanError.of("quota exceeded"));
  }

  @Test
  void nullMessage_becomesEmpty_andDataIsCopied() {
    Map<String, Object> data = new java.util.HashMap<>(Map.of("k", "v"));
    SpanError error = new SpanError(null, data);
    data.put("k2", "v2");
    assertThat(error.message()).isEmpty();
    assertThat(error.data()).containsOnlyKeys("k");
  }
}
