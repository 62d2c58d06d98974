package dev.weft.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExceptionFactsTest {

  /** An exception that counts how often its frames are read. */
  private static final class CountingException extends RuntimeException {
    final AtomicInteger reads = new AtomicInteger();

    CountingException(String message) {
      super(message);
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      reads.incrementAndGet();
      return super.getStackTrace();
    }
  }

  @Test
  void fromException_readsNoFrames_untilTheDataIsRead() {
    CountingException exception = new CountingException("boom");

    SpanError error = SpanError.fromException(exception, true);

    assertThat(exception.reads).hasValue(0);
    assertThat(error.message()).isEqualTo("boom");
    assertThat(error.data().get("type")).isEqualTo(CountingException.class.getName());
    assertThat(exception.reads).hasValue(0);
    assertThat(error.data()).containsKey("stack");
    assertThat(exception.reads).hasValue(1);
  }

  @Test
  void stack_isTheTopTwelveFramesAsText_readOnce() {
    CountingException exception = new CountingException("boom");
    List<String> expected =
        Arrays.stream(exception.getStackTrace())
            .limit(ExceptionFacts.MAX_STACK_FRAMES)
            .map(StackTraceElement::toString)
            .toList();
    exception.reads.set(0);

    Map<String, Object> data = SpanError.fromException(exception, true).data();

    assertThat(data.get("stack")).isEqualTo(expected);
    assertThat(data.keySet()).containsExactly("type", "stack");
    assertThat(data).hasSize(2);
    assertThat(data.get("stack")).isSameAs(data.get("stack"));
    assertThat(exception.reads).hasValue(1);
  }

  @Test
  void data_readOnAnotherThread_isTheSameAsOnThisOne() throws Exception {
    SpanError error = SpanError.fromException(new IllegalStateException("x"), true);

    Map<String, Object> there =
        CompletableFuture.supplyAsync(() -> new LinkedHashMap<>(error.data())).get();

    assertThat(error.data()).isEqualTo(there);
    assertThat(there.get("stack")).asList().isNotEmpty();
  }

  @Test
  void exceptionWithoutFrames_hasOnlyItsType() {
    RuntimeException noFrames = new RuntimeException("x", null, false, false) {};

    Map<String, Object> data = SpanError.fromException(noFrames, true).data();

    assertThat(data).containsOnlyKeys("type");
  }

  @Test
  void withoutSensitiveContent_keepsTypeAndFramesUnread_andDropsTheMessage() {
    CountingException exception = new CountingException("user typed 1234");

    SpanError stripped = SpanError.fromException(exception, true).withoutSensitiveContent();

    assertThat(exception.reads).hasValue(0);
    assertThat(stripped.message()).isEqualTo("ExceptionFactsTest$CountingException");
    assertThat(stripped.data()).containsOnlyKeys("type", "stack");
    assertThat(stripped.toString()).doesNotContain("1234");
  }

  @Test
  void equals_comparesWithAnyMapOfTheSameEntries() {
    SpanError error = SpanError.fromException(new IllegalStateException("x"), true);

    SpanError copied = new SpanError(error.message(), new LinkedHashMap<>(error.data()));

    assertThat(copied).isEqualTo(error).hasSameHashCodeAs(error);
  }
}
