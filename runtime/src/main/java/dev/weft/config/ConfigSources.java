package dev.weft.config;

import dev.weft.internal.WeftLog;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The four places a key is looked up, in order: agent argument, system property, environment
 * variable, properties file. Immutable snapshots, so a loaded configuration never changes.
 */
final class ConfigSources {

  /** The key naming the properties file; looked up in the first three sources only. */
  static final String CONFIG_FILE_KEY = "weft.config.file";

  private final Map<String, String> agentArguments;
  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;
  private final Map<String, String> file;

  private ConfigSources(
      Map<String, String> agentArguments,
      Map<String, String> systemProperties,
      Map<String, String> environment,
      Map<String, String> file) {
    this.agentArguments = agentArguments;
    this.systemProperties = systemProperties;
    this.environment = environment;
    this.file = file;
  }

  /** Returns sources with nothing in them. */
  static ConfigSources empty() {
    return new ConfigSources(Map.of(), Map.of(), Map.of(), Map.of());
  }

  /**
   * Snapshots the sources and reads the properties file named by {@code weft.config.file}, if any.
   * A missing or unreadable file is reported in one line and treated as empty.
   */
  static ConfigSources create(
      String agentArgs, Map<String, String> systemProperties, Map<String, String> environment) {
    ConfigSources withoutFile =
        new ConfigSources(
            AgentArguments.parse(agentArgs),
            copyWithoutNulls(systemProperties),
            copyWithoutNulls(environment),
            Map.of());
    String fileName = withoutFile.get(CONFIG_FILE_KEY);
    if (fileName == null) {
      return withoutFile;
    }
    return new ConfigSources(
        withoutFile.agentArguments,
        withoutFile.systemProperties,
        withoutFile.environment,
        readPropertiesFile(fileName));
  }

  /**
   * Returns the value of a canonical key from the first source that has a non-blank value for it,
   * stripped of surrounding whitespace, or null.
   */
  String get(String key) {
    String value = agentArguments.get(key);
    if (isBlank(value)) {
      value = systemProperties.get(key);
    }
    if (isBlank(value)) {
      value = environment.get(environmentName(key));
    }
    if (isBlank(value)) {
      value = file.get(key);
    }
    return isBlank(value) ? null : value.strip();
  }

  /**
   * Returns the Weft keys the sources give, each as it was spelled: canonical keys from the agent
   * argument, the system properties and the properties file, and {@code WEFT_*} variable names from
   * the environment.
   */
  Set<String> givenKeys() {
    Set<String> keys = new TreeSet<>(agentArguments.keySet());
    for (String key : systemProperties.keySet()) {
      if (key.startsWith(WeftConfig.PREFIX)) {
        keys.add(key);
      }
    }
    keys.addAll(file.keySet());
    for (String name : environment.keySet()) {
      if (name.startsWith("WEFT_")) {
        keys.add(name);
      }
    }
    return keys;
  }

  /** Returns an environment variable as it is (not a Weft key), or null when unset or blank. */
  String getenv(String name) {
    String value = environment.get(name);
    return isBlank(value) ? null : value.strip();
  }

  /** Returns the environment spelling of a key: {@code weft.json.dir} is {@code WEFT_JSON_DIR}. */
  static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Map<String, String> copyWithoutNulls(Map<String, String> source) {
    Map<String, String> copy = new HashMap<>();
    source.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            copy.put(k, v);
          }
        });
    return Map.copyOf(copy);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static Map<String, String> readPropertiesFile(String fileName) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(fileName), StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      WeftLog.warn(
          CONFIG_FILE_KEY
              + "="
              + fileName
              + " could not be read ("
              + e.getClass().getSimpleName()
              + "); continuing without it");
      return Map.of();
    }
    Map<String, String> byKey = new HashMap<>();
    // Prefixed keys win over their short spelling, whatever their order in the file.
    for (String name : properties.stringPropertyNames()) {
      if (!name.startsWith(WeftConfig.PREFIX)) {
        byKey.put(WeftConfig.canonicalKey(name.strip()), properties.getProperty(name));
      }
    }
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith(WeftConfig.PREFIX)) {
        byKey.put(name.strip(), properties.getProperty(name));
      }
    }
    return Map.copyOf(byKey);
  }
}
