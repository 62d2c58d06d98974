package dev.weft.export.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.weft.internal.WeftLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteFailuresTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void captureLog() {
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreLog() {
    WeftLog.setOutput(System.err);
  }

  @Test
  void reason_isTheSystemsWordsForAFileError() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");

    assertThat(WriteFailures.reason(failureOf(() -> Files.createDirectories(file.resolve("d")))))
        .isEqualTo("not a directory");
    assertThat(WriteFailures.reason(failureOf(() -> Files.createDirectories(file))))
        .isEqualTo("exists and is not a directory");
    assertThat(WriteFailures.reason(failureOf(() -> Files.readString(dir.resolve("missing")))))
        .isEqualTo("no such file or directory");
  }

  @Test
  void reason_ofAnyOtherException_isItsClassName_neverItsMessage() {
    IOException parse = new java.io.CharConversionException("captured text");

    assertThat(WriteFailures.reason(parse)).isEqualTo("CharConversionException");
  }

  @Test
  void record_saysTheFirstFailureOnly_withThePlaceAndTheReason() {
    WriteFailures failures = new WriteFailures("json", dir);

    failures.record(new IOException("No space left on device"));
    failures.record(new IOException("Input/output error"));

    assertThat(log.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "[weft] ERROR json exporter: traces cannot be written to "
                + dir.toAbsolutePath()
                + " (no space left on device); those it cannot write are not written anywhere,"
                + " and this is said once");
  }

  @Test
  void cannotStart_saysTheTracesGoNowhere() {
    WriteFailures.cannotStart("jsonl", dir.resolve("traces.jsonl"), new IOException("Boom"));

    assertThat(log.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "[weft] ERROR jsonl exporter: traces cannot be written to "
                + dir.resolve("traces.jsonl").toAbsolutePath()
                + " (boom); they are not written anywhere");
  }

  private interface FileOperation {
    void run() throws IOException;
  }

  private static IOException failureOf(FileOperation operation) {
    return catchThrowableOfType(operation::run, IOException.class);
  }
}
