package dev.weft.config;

import java.util.Map;

/** Configurations for tests in other packages, read from given sources only. */
public final class TestConfigs {
  private TestConfigs() {}

  /** Loads a configuration from these system properties alone: no environment, no agent args. */
  public static WeftConfig fromProperties(Map<String, String> systemProperties) {
    return WeftConfig.load(null, systemProperties, Map.of());
  }

  /** Loads a configuration from these system properties and environment variables alone. */
  public static WeftConfig load(Map<String, String> systemProperties, Map<String, String> env) {
    return WeftConfig.load(null, systemProperties, env);
  }
}
