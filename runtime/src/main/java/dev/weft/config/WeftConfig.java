package dev.weft.config;

import dev.weft.internal.WeftLog;
import dev.weft.processor.BatchTraceProcessor;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Weft's effective configuration: every key read once, at load, from four sources of which the
 * first that has the key wins: agent argument, system property, environment variable, properties
 * file.
 *
 * <p>The key {@code weft.json.dir} is spelled {@code json.dir=...} (or {@code weft.json.dir=...})
 * in the agent argument, {@code -Dweft.json.dir=...} as a system property, {@code WEFT_JSON_DIR} in
 * the environment (upper case, {@code .} and {@code -} become {@code _}) and {@code weft.json.dir}
 * (or {@code json.dir}) in the properties file named by {@code weft.config.file}. A blank value
 * counts as absent.
 *
 * <p>Loading never fails: a bad value is reported in one line on stderr naming the key, the value
 * and what is accepted, once per key, and the key's default is used. Instances are immutable and
 * thread-safe.
 */
public final class WeftConfig {

  /** The prefix of every canonical key. */
  public static final String PREFIX = "weft.";

  /**
   * The separator between regular expressions in {@code weft.redact.patterns}: two commas, since a
   * single comma is common inside a regex ({@code \d{2,4}}); write a literal double comma as {@code
   * ,{2}}.
   */
  public static final String REDACT_PATTERN_SEPARATOR = ",,";

  static final List<String> DEFAULT_EXPORTERS = List.of("json");
  static final int DEFAULT_CAPTURE_MAX_CHARS = 16_384;
  static final int MIN_CAPTURE_MAX_CHARS = 16;
  static final int MAX_CAPTURE_MAX_CHARS = 10_000_000;
  static final int DEFAULT_CAPTURE_TO_STRING_TIMEOUT_MILLIS = 100;
  static final int MAX_CAPTURE_TO_STRING_TIMEOUT_MILLIS = 60_000;
  // The batch processor's own defaults: written once, there.
  static final int DEFAULT_BATCH_MAX_QUEUE_SIZE = BatchTraceProcessor.DEFAULT_MAX_QUEUE_SIZE;
  static final int DEFAULT_BATCH_MAX_BATCH_SIZE = BatchTraceProcessor.DEFAULT_MAX_BATCH_SIZE;
  static final long DEFAULT_BATCH_SCHEDULE_DELAY_MILLIS =
      BatchTraceProcessor.DEFAULT_SCHEDULE_DELAY.toMillis();

  private final ConfigValues values;
  private final boolean disabled;
  private final boolean includeSensitiveData;
  private final List<String> exporters;
  private final List<MethodRule> methodRules;
  private final List<String> packages;
  private final int captureMaxChars;
  private final int captureToStringTimeoutMillis;
  private final List<Pattern> redactPatterns;
  private final double samplerRatio;
  private final int batchMaxQueueSize;
  private final int batchMaxBatchSize;
  private final long batchScheduleDelayMillis;
  private final WeftLog.Level logLevel;

  private WeftConfig(ConfigSources sources) {
    this.values = new ConfigValues(sources);
    this.disabled =
        KeyReaders.readFlag(values, "weft.disabled", "OPENAI_AGENTS_DISABLE_TRACING", false);
    this.includeSensitiveData =
        KeyReaders.readFlag(
            values,
            "weft.include-sensitive-data",
            "OPENAI_AGENTS_TRACE_INCLUDE_SENSITIVE_DATA",
            true);
    this.exporters = KeyReaders.readExporters(values);
    this.methodRules = KeyReaders.readMethodRules(values);
    this.packages = KeyReaders.readPackages(values);
    this.captureMaxChars =
        values.getInt(
            "weft.capture.max-chars",
            DEFAULT_CAPTURE_MAX_CHARS,
            MIN_CAPTURE_MAX_CHARS,
            MAX_CAPTURE_MAX_CHARS);
    this.captureToStringTimeoutMillis =
        values.getInt(
            "weft.capture.tostring-timeout-ms",
            DEFAULT_CAPTURE_TO_STRING_TIMEOUT_MILLIS,
            0,
            MAX_CAPTURE_TO_STRING_TIMEOUT_MILLIS);
    this.redactPatterns = KeyReaders.readRedactPatterns(values);
    this.samplerRatio = values.getDouble("weft.sampler.ratio", 1.0, 0.0, 1.0);
    this.batchMaxQueueSize =
        values.getInt("weft.batch.max-queue-size", DEFAULT_BATCH_MAX_QUEUE_SIZE, 1, 1_000_000);
    this.batchMaxBatchSize =
        values.getInt("weft.batch.max-batch-size", DEFAULT_BATCH_MAX_BATCH_SIZE, 1, 100_000);
    this.batchScheduleDelayMillis =
        values.getLong(
            "weft.batch.schedule-delay-ms", DEFAULT_BATCH_SCHEDULE_DELAY_MILLIS, 1, 3_600_000);
    this.logLevel = KeyReaders.readLogLevel(values);
  }

  /**
   * Loads the configuration from the agent argument, the system properties, the environment and the
   * properties file they name.
   *
   * @param agentArgs the agent argument string ({@code key=value;key=value}), or null
   */
  public static WeftConfig load(String agentArgs) {
    Map<String, String> systemProperties = new HashMap<>();
    java.util.Properties properties = System.getProperties();
    for (String name : properties.stringPropertyNames()) {
      systemProperties.put(name, properties.getProperty(name));
    }
    return load(agentArgs, systemProperties, System.getenv());
  }

  /** Loads the configuration from the given sources instead of the JVM's own. */
  static WeftConfig load(
      String agentArgs, Map<String, String> systemProperties, Map<String, String> environment) {
    return new WeftConfig(ConfigSources.create(agentArgs, systemProperties, environment));
  }

  /** Returns the configuration in which every key has its default. */
  public static WeftConfig defaults() {
    return new WeftConfig(ConfigSources.empty());
  }

  /** Returns the canonical spelling of a key: {@code json.dir} becomes {@code weft.json.dir}. */
  static String canonicalKey(String key) {
    return key.startsWith(PREFIX) ? key : PREFIX + key;
  }

  /**
   * Returns the raw value of any key through the four sources, or null when no source has it.
   *
   * @param key the canonical key, e.g. {@code weft.prices}; a key without the {@code weft.} prefix
   *     gets it
   */
  public String get(String key) {
    return values.get(canonicalKey(key));
  }

  /**
   * Returns a key as a boolean ({@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0}),
   * or {@code def} when absent or bad; a bad value is reported once.
   */
  public boolean getBoolean(String key, boolean def) {
    return values.getBoolean(canonicalKey(key), def);
  }

  /**
   * Returns a key as an int from {@code min} to {@code max}, or {@code def} when absent or bad; a
   * bad value is reported once.
   */
  public int getInt(String key, int def, int min, int max) {
    return values.getInt(canonicalKey(key), def, min, max);
  }

  /**
   * Returns a key as a long from {@code min} to {@code max}, or {@code def} when absent or bad; a
   * bad value is reported once.
   */
  public long getLong(String key, long def, long min, long max) {
    return values.getLong(canonicalKey(key), def, min, max);
  }

  /**
   * Returns a key as a double from {@code min} to {@code max}, or {@code def} when absent or bad; a
   * bad value is reported once.
   */
  public double getDouble(String key, double def, double min, double max) {
    return values.getDouble(canonicalKey(key), def, min, max);
  }

  /**
   * Returns a key as a file system path, or {@code def} when absent or bad; a bad value is reported
   * once.
   */
  public Path getPath(String key, Path def) {
    return values.getPath(canonicalKey(key), def);
  }

  /**
   * Returns a key as an absolute http or https URL, or {@code def} when absent or bad; a bad value
   * is reported once.
   */
  public URI getHttpUri(String key, URI def) {
    return values.getHttpUri(canonicalKey(key), def);
  }

  /**
   * Returns an environment variable as this configuration sees it, or null; for exporters that also
   * honour variables of other tools ({@code OPENAI_API_KEY}, {@code OTEL_EXPORTER_OTLP_*}).
   */
  public String getenv(String name) {
    return values.getenv(name);
  }

  /**
   * The documented keys: those the runtime reads, those of the built-in exporters, and {@code
   * weft.prices} and {@code weft.prices.file} of the cost estimates. Exporters and processors of
   * extensions declare theirs.
   */
  static final Set<String> RUNTIME_KEYS =
      Set.of(
          "weft.disabled",
          "weft.include-sensitive-data",
          "weft.exporters",
          "weft.extensions",
          "weft.methods",
          "weft.packages",
          "weft.capture.max-chars",
          "weft.capture.tostring-timeout-ms",
          "weft.redact.patterns",
          "weft.sampler.ratio",
          "weft.sampler.keep-errors",
          "weft.batch.max-queue-size",
          "weft.batch.max-batch-size",
          "weft.batch.schedule-delay-ms",
          "weft.log.level",
          "weft.config.file",
          "weft.implicit-trace-name",
          "weft.instrumentation.default-enabled",
          "weft.prices",
          "weft.prices.file",
          "weft.json.dir",
          "weft.json.retention.max-traces",
          "weft.json.retention.max-age",
          "weft.jsonl.file",
          "weft.openai.api-key",
          "weft.openai.endpoint",
          "weft.openai.timeout-ms",
          "weft.otlp.endpoint");

  /**
   * Reports each key the sources give that no part of Weft reads, once, with the closest known key:
   * {@code weft.exporter=console} is a typo of {@code weft.exporters}. Keys of the form {@code
   * weft.instrumentation.<name>.enabled} are always known.
   *
   * @param declared the keys exporters, processors and instrumentations declare
   */
  public void reportUnknownKeys(Collection<String> declared) {
    Set<String> known = new TreeSet<>(RUNTIME_KEYS);
    known.addAll(declared);
    for (String given : values.givenKeys()) {
      boolean variable = given.startsWith("WEFT_");
      String key = variable ? null : given;
      if (variable) {
        for (String candidate : known) {
          if (ConfigSources.environmentName(candidate).equals(given)) {
            key = candidate;
          }
        }
      }
      if (key != null
          && (known.contains(key)
              || (key.startsWith("weft.instrumentation.") && key.endsWith(".enabled")))) {
        continue;
      }
      if (variable && given.startsWith("WEFT_INSTRUMENTATION_") && given.endsWith("_ENABLED")) {
        continue;
      }
      values.reportUnknownKey(given, closest(given, known, variable));
    }
  }

  private static String closest(String given, Set<String> known, boolean variable) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      String spelled = variable ? ConfigSources.environmentName(candidate) : candidate;
      int distance = distance(given, spelled);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = spelled;
      }
    }
    return best != null && bestDistance <= Math.max(3, given.length() / 3) ? best : null;
  }

  /** The edit distance of two texts. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + change);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * Reports a bad value of a key once, on one stderr line that names the key, the value, what is
   * accepted and what is used instead.
   */
  public void reportBadValue(String key, String value, String accepted, String consequence) {
    values.reportBadValue(key, value, accepted, consequence);
  }

  /**
   * Returns whether tracing is off ({@code weft.disabled}, default false); when the key is unset,
   * {@code OPENAI_AGENTS_DISABLE_TRACING=1|true|yes} in the environment also turns it off.
   */
  public boolean disabled() {
    return disabled;
  }

  /**
   * Returns whether argument, result and error text is captured ({@code
   * weft.include-sensitive-data}, default true); when the key is unset, {@code
   * OPENAI_AGENTS_TRACE_INCLUDE_SENSITIVE_DATA=0|false|no} in the environment turns it off.
   */
  public boolean includeSensitiveData() {
    return includeSensitiveData;
  }

  /**
   * Returns the exporter names ({@code weft.exporters}, default {@code [json]}), lower-case,
   * without duplicates. {@code [none]} means no exporter; {@code none} next to other names is
   * dropped. Names are looked up when tracing starts, among the exporters found on the class path
   * and in extensions.
   */
  public List<String> exporters() {
    return exporters;
  }

  /** Returns the zero-code span rules of {@code weft.methods}, possibly empty. */
  public List<MethodRule> methodRules() {
    return methodRules;
  }

  /**
   * Returns the application packages of {@code weft.packages} (separated by {@code ,} or {@code ;};
   * a trailing {@code .*} is dropped), possibly empty for "all packages".
   */
  public List<String> packages() {
    return packages;
  }

  /** Returns the longest captured string before truncation ({@code weft.capture.max-chars}). */
  public int captureMaxChars() {
    return captureMaxChars;
  }

  /**
   * Returns the longest wait, in milliseconds, for the application's {@code toString()} of a
   * captured value ({@code weft.capture.tostring-timeout-ms}, default 100); 0 calls it on the
   * application thread with no bound.
   */
  public int captureToStringTimeoutMillis() {
    return captureToStringTimeoutMillis;
  }

  /**
   * Returns the extra redaction patterns of {@code weft.redact.patterns}, separated by {@link
   * #REDACT_PATTERN_SEPARATOR}, on top of the built-in secret patterns; possibly empty.
   */
  public List<Pattern> redactPatterns() {
    return redactPatterns;
  }

  /** Returns the share of traces kept, from 0.0 to 1.0 ({@code weft.sampler.ratio}). */
  public double samplerRatio() {
    return samplerRatio;
  }

  /** Returns the batch processor's queue capacity ({@code weft.batch.max-queue-size}). */
  public int batchMaxQueueSize() {
    return batchMaxQueueSize;
  }

  /** Returns the batch processor's largest export ({@code weft.batch.max-batch-size}). */
  public int batchMaxBatchSize() {
    return batchMaxBatchSize;
  }

  /** Returns the batch processor's export interval ({@code weft.batch.schedule-delay-ms}). */
  public long batchScheduleDelayMillis() {
    return batchScheduleDelayMillis;
  }

  /**
   * Returns the lowest level of Weft's own log lines ({@code weft.log.level}, default info): one of
   * {@code debug}, {@code info}, {@code warn}, {@code error}, {@code off}.
   */
  public String logLevel() {
    return logLevel.name().toLowerCase(Locale.ROOT);
  }

  /** Returns the effective values, one {@code key=value} each; the API key is masked. */
  @Override
  public String toString() {
    StringJoiner joiner = new StringJoiner(", ", "WeftConfig{", "}");
    joiner.add("disabled=" + disabled);
    joiner.add("include-sensitive-data=" + includeSensitiveData);
    joiner.add("exporters=" + exporters);
    joiner.add("methods=" + methodRules.size() + " rules");
    joiner.add("packages=" + packages);
    joiner.add("capture.max-chars=" + captureMaxChars);
    joiner.add("capture.tostring-timeout-ms=" + captureToStringTimeoutMillis);
    joiner.add("redact.patterns=" + redactPatterns.size() + " extra");
    joiner.add("sampler.ratio=" + samplerRatio);
    joiner.add("batch.max-queue-size=" + batchMaxQueueSize);
    joiner.add("batch.max-batch-size=" + batchMaxBatchSize);
    joiner.add("batch.schedule-delay-ms=" + batchScheduleDelayMillis);
    joiner.add("log.level=" + logLevel.name().toLowerCase(Locale.ROOT));
    return joiner.toString();
  }
}
