package dev.weft.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.data.SpanError;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExceptionErrorsTest {

  /** An exception that counts how often its stack is materialised. */
  static final class CountingException extends RuntimeException {
    final AtomicInteger stackReads = new AtomicInteger();

    CountingException(String message) {
      super(message);
    }

    @Override
    public StackTraceElement[] getStackTrace() {
      stackReads.incrementAndGet();
      return super.getStackTrace();
    }
  }

  @Test
  void of_keepsMessageAndType_andReadsTheStackOnlyWhenAsked() {
    CountingException failure = new CountingException("tool failed");

    SpanError error = ExceptionErrors.of(failure, true);

    assertThat(error.message()).isEqualTo("tool failed");
    assertThat(error.data()).containsEntry("type", CountingException.class.getName());
    assertThat(failure.stackReads).hasValue(0);
    List<?> stack = (List<?>) error.data().get("stack");
    assertThat(stack).isNotEmpty().hasSizeLessThanOrEqualTo(12);
    assertThat(stack.get(0).toString()).contains("ExceptionErrorsTest");
    assertThat(stack).hasSize(stack.size());
    assertThat(failure.stackReads).hasValue(1);
  }

  @Test
  void of_withoutSensitiveData_usesTheSimpleClassName() {
    SpanError error = ExceptionErrors.of(new IllegalStateException("secret sk-123"), false);

    assertThat(error.message()).isEqualTo("IllegalStateException");
    assertThat(error.withoutSensitiveContent().message()).isEqualTo("IllegalStateException");
  }

  @Test
  void of_withoutAMessage_usesTheSimpleClassName() {
    assertThat(ExceptionErrors.of(new IllegalArgumentException(), true).message())
        .isEqualTo("IllegalArgumentException");
    assertThat(ExceptionErrors.of(new RuntimeException("") {}, true).message())
        .isEqualTo("ExceptionErrorsTest$1");
  }
}
