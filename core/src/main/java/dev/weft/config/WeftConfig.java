package dev.weft.config;

import dev.weft.internal.WeftLog;
import java.nio.file.Path;
import java.util.List;

/** Placeholder until the full configuration lands: system properties only. */
public final class WeftConfig {
  private WeftConfig() {}

  public static WeftConfig load(String agentArgs) {
    return new WeftConfig();
  }

  public static WeftConfig defaults() {
    return new WeftConfig();
  }

  public String get(String key) {
    return System.getProperty(key);
  }

  public boolean disabled() {
    return Boolean.parseBoolean(get("weft.disabled"));
  }

  public boolean includeSensitiveData() {
    return !"false".equals(get("weft.include-sensitive-data"));
  }

  public List<String> exporters() {
    String v = get("weft.exporters");
    return v == null ? List.of("json") : List.of(v.split(","));
  }

  public Path jsonDir() {
    String v = get("weft.json.dir");
    return Path.of(v == null ? "weft-traces" : v);
  }

  public double samplerRatio() {
    return 1.0;
  }

  public int batchMaxQueueSize() {
    return 8192;
  }

  public int batchMaxBatchSize() {
    return 128;
  }

  public long batchScheduleDelayMillis() {
    return 5000;
  }

  public WeftLog.Level logLevel() {
    return WeftLog.Level.INFO;
  }
}
