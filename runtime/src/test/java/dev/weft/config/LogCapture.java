package dev.weft.config;

import dev.weft.internal.WeftLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Captures Weft's own log lines during a test, at level info. */
final class LogCapture implements BeforeEachCallback, AfterEachCallback {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private WeftLog.Level previousLevel;

  @Override
  public void beforeEach(ExtensionContext context) {
    bytes.reset();
    previousLevel = WeftLog.level();
    WeftLog.setLevel(WeftLog.Level.INFO);
    WeftLog.setOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    WeftLog.setOutput(System.err);
    WeftLog.setLevel(previousLevel);
  }

  /** Returns the lines logged so far. */
  List<String> lines() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\R"));
  }
}
