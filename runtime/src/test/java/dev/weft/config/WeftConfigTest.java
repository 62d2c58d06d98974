package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WeftConfigTest {

  @RegisterExtension final LogCapture log = new LogCapture();

  @TempDir Path dir;

  private static WeftConfig withProperty(String key, String value) {
    return WeftConfig.load(null, Map.of(key, value), Map.of());
  }

  private static WeftConfig withEnv(Map<String, String> env) {
    return WeftConfig.load(null, Map.of(), env);
  }

  @Test
  void defaults_matchTheDesign() {
    WeftConfig config = WeftConfig.defaults();
    assertThat(config.disabled()).isFalse();
    assertThat(config.includeSensitiveData()).isTrue();
    assertThat(config.exporters()).containsExactly("json");
    assertThat(config.getPath("json.dir", Path.of("weft-traces")))
        .isEqualTo(Path.of("weft-traces"));
    assertThat(config.methodRules()).isEmpty();
    assertThat(config.packages()).isEmpty();
    assertThat(config.captureMaxChars()).isEqualTo(16384);
    assertThat(config.captureToStringTimeoutMillis()).isEqualTo(100);
    assertThat(config.redactPatterns()).isEmpty();
    assertThat(config.samplerRatio()).isEqualTo(1.0);
    assertThat(config.batchMaxQueueSize()).isEqualTo(262144);
    assertThat(config.batchMaxBatchSize()).isEqualTo(128);
    assertThat(config.batchScheduleDelayMillis()).isEqualTo(1000L);
    assertThat(config.logLevel()).isEqualTo("info");
    assertThat(log.lines()).isEmpty();
  }

  /** Each key with a non-default value and how to read it back. */
  static Stream<Arguments> keys() {
    return Stream.of(
        key("disabled", "true", WeftConfig::disabled, true),
        key("include-sensitive-data", "false", WeftConfig::includeSensitiveData, false),
        key("exporters", "jsonl,otlp", WeftConfig::exporters, List.of("jsonl", "otlp")),
        key(
            "json.dir",
            "out/traces",
            (WeftConfig c) -> c.getPath("json.dir", Path.of("weft-traces")),
            Path.of("out/traces")),
        key("openai.api-key", "sk-test", (WeftConfig c) -> c.get("openai.api-key"), "sk-test"),
        key(
            "openai.endpoint",
            "http://localhost:9/ingest",
            (WeftConfig c) ->
                c.getHttpUri(
                    "openai.endpoint", URI.create("https://api.openai.com/v1/traces/ingest")),
            URI.create("http://localhost:9/ingest")),
        key(
            "otlp.endpoint",
            "http://collector:4318/v1/traces",
            (WeftConfig c) ->
                c.getHttpUri("otlp.endpoint", URI.create("http://localhost:4318/v1/traces")),
            URI.create("http://collector:4318/v1/traces")),
        key(
            "methods",
            "a.B[x]@tool",
            WeftConfig::methodRules,
            List.of(new MethodRule("a.B", List.of("x"), "function"))),
        key("packages", "com.acme, org.x.*", WeftConfig::packages, List.of("com.acme", "org.x")),
        key("capture.max-chars", "100", WeftConfig::captureMaxChars, 100),
        key("capture.tostring-timeout-ms", "250", WeftConfig::captureToStringTimeoutMillis, 250),
        key("capture.tostring-timeout-ms", "0", WeftConfig::captureToStringTimeoutMillis, 0),
        key(
            "redact.patterns",
            "secret-\\d+",
            c -> c.redactPatterns().stream().map(Pattern::pattern).toList(),
            List.of("secret-\\d+")),
        key("sampler.ratio", "0.25", WeftConfig::samplerRatio, 0.25),
        key("batch.max-queue-size", "100", WeftConfig::batchMaxQueueSize, 100),
        key("batch.max-batch-size", "10", WeftConfig::batchMaxBatchSize, 10),
        key("batch.schedule-delay-ms", "250", WeftConfig::batchScheduleDelayMillis, 250L),
        key("log.level", "debug", WeftConfig::logLevel, "debug"));
  }

  private static Arguments key(
      String shortKey, String value, Function<WeftConfig, Object> read, Object expected) {
    return Arguments.of(shortKey, value, read, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void accessor_readsKeyFromAgentArgument(
      String shortKey, String value, Function<WeftConfig, Object> read, Object expected) {
    assertThat(read.apply(WeftConfig.load(shortKey + "=" + value, Map.of(), Map.of())))
        .isEqualTo(expected);
    assertThat(read.apply(WeftConfig.load("weft." + shortKey + "=" + value, Map.of(), Map.of())))
        .isEqualTo(expected);
    assertThat(log.lines()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void accessor_readsKeyFromSystemProperty(
      String shortKey, String value, Function<WeftConfig, Object> read, Object expected) {
    assertThat(read.apply(withProperty("weft." + shortKey, value))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void accessor_readsKeyFromEnvironment(
      String shortKey, String value, Function<WeftConfig, Object> read, Object expected) {
    String name = ConfigSources.environmentName("weft." + shortKey);
    assertThat(read.apply(withEnv(Map.of(name, value)))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("keys")
  void accessor_readsKeyFromPropertiesFile(
      String shortKey, String value, Function<WeftConfig, Object> read, Object expected)
      throws IOException {
    Path file = dir.resolve("weft.properties");
    // Properties files treat backslash as an escape; double it to keep regexes intact.
    Files.writeString(
        file,
        "weft." + shortKey + "=" + value.replace("\\", "\\\\") + "\n",
        StandardCharsets.UTF_8);
    assertThat(read.apply(withProperty("weft.config.file", file.toString()))).isEqualTo(expected);
    Files.writeString(file, shortKey + "=" + value.replace("\\", "\\\\") + "\n");
    assertThat(read.apply(withEnv(Map.of("WEFT_CONFIG_FILE", file.toString()))))
        .isEqualTo(expected);
  }

  @Test
  void load_precedence_agentArgOverSystemPropertyOverEnvironmentOverFile() throws IOException {
    Path file = dir.resolve("weft.properties");
    Files.writeString(file, "weft.json.dir=file\nweft.log.level=error\nweft.packages=f\n");
    WeftConfig config =
        WeftConfig.load(
            "json.dir=arg",
            Map.of(
                "weft.config.file", file.toString(), "weft.json.dir", "prop", "weft.packages", "p"),
            Map.of("WEFT_JSON_DIR", "env", "WEFT_PACKAGES", "e", "WEFT_SAMPLER_RATIO", "0.5"));
    assertThat(config.getPath("json.dir", Path.of("weft-traces"))).isEqualTo(Path.of("arg"));
    assertThat(config.packages()).containsExactly("p");
    assertThat(config.samplerRatio()).isEqualTo(0.5);
    assertThat(config.logLevel()).isEqualTo("error");
  }

  @Test
  void load_agentArgumentMethodList_keepsEveryRuleAcrossSemicolons() {
    WeftConfig config =
        WeftConfig.load(
            "json.dir=x;methods=com.a.B[x]@agent;com.a.C[*]@tool;com.a.D[load];sampler.ratio=0.5",
            Map.of(),
            Map.of());
    assertThat(config.methodRules())
        .containsExactly(
            new MethodRule("com.a.B", List.of("x"), "agent"),
            new MethodRule("com.a.C", List.of("*"), "function"),
            new MethodRule("com.a.D", List.of("load"), "custom"));
    assertThat(config.samplerRatio()).isEqualTo(0.5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "yes", "TRUE"})
  void disabled_whenOpenAiDisableVariableSet_isTrue(String value) {
    assertThat(withEnv(Map.of("OPENAI_AGENTS_DISABLE_TRACING", value)).disabled()).isTrue();
  }

  @Test
  void disabled_whenWeftKeySet_winsOverOpenAiVariable() {
    WeftConfig config =
        WeftConfig.load(
            null, Map.of("weft.disabled", "false"), Map.of("OPENAI_AGENTS_DISABLE_TRACING", "1"));
    assertThat(config.disabled()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "false", "no"})
  void includeSensitiveData_whenOpenAiVariableSaysNo_isFalse(String value) {
    assertThat(
            withEnv(Map.of("OPENAI_AGENTS_TRACE_INCLUDE_SENSITIVE_DATA", value))
                .includeSensitiveData())
        .isFalse();
  }

  @Test
  void includeSensitiveData_whenWeftKeySet_winsOverOpenAiVariable() {
    WeftConfig config =
        WeftConfig.load(
            null,
            Map.of("weft.include-sensitive-data", "true"),
            Map.of("OPENAI_AGENTS_TRACE_INCLUDE_SENSITIVE_DATA", "0"));
    assertThat(config.includeSensitiveData()).isTrue();
  }

  @Test
  void disabled_whenOpenAiVariableBad_warnsNamingTheVariable() {
    assertThat(withEnv(Map.of("OPENAI_AGENTS_DISABLE_TRACING", "maybe")).disabled()).isFalse();
    assertThat(log.lines())
        .containsExactly(
            "[weft] WARN OPENAI_AGENTS_DISABLE_TRACING=maybe is not accepted (true or false);"
                + " using false");
  }

  /** Each typed key with a bad value, what the warning must say is accepted, and the default. */
  static Stream<Arguments> badValues() {
    return Stream.of(
        bad("weft.disabled", "perhaps", "true or false", WeftConfig::disabled, false),
        bad(
            "weft.include-sensitive-data",
            "2",
            "true or false",
            WeftConfig::includeSensitiveData,
            true),
        bad(
            "weft.json.dir",
            "bad\u0000dir",
            "a file system path",
            (WeftConfig c) -> c.getPath("json.dir", Path.of("weft-traces")),
            Path.of("weft-traces")),
        bad(
            "weft.openai.endpoint",
            "localhost:9",
            "an absolute http or https URL",
            (WeftConfig c) ->
                c.getHttpUri(
                    "openai.endpoint", URI.create("https://api.openai.com/v1/traces/ingest")),
            URI.create("https://api.openai.com/v1/traces/ingest")),
        bad(
            "weft.otlp.endpoint",
            "::",
            "an absolute http or https URL",
            (WeftConfig c) ->
                c.getHttpUri("otlp.endpoint", URI.create("http://localhost:4318/v1/traces")),
            URI.create("http://localhost:4318/v1/traces")),
        bad(
            "weft.methods",
            "com.a.B[x",
            "Type[method,...]@type",
            WeftConfig::methodRules,
            List.of()),
        bad("weft.packages", "com..acme", "package names", WeftConfig::packages, List.of()),
        bad(
            "weft.capture.max-chars",
            "8",
            "a whole number from 16 to",
            WeftConfig::captureMaxChars,
            16384),
        bad(
            "weft.capture.tostring-timeout-ms",
            "-1",
            "a whole number from 0 to 60000",
            WeftConfig::captureToStringTimeoutMillis,
            100),
        bad(
            "weft.capture.tostring-timeout-ms",
            "2s",
            "a whole number from 0 to 60000",
            WeftConfig::captureToStringTimeoutMillis,
            100),
        bad(
            "weft.redact.patterns",
            "(unclosed",
            "Java regular expressions separated by ,,",
            c -> c.redactPatterns().size(),
            0),
        bad("weft.sampler.ratio", "abc", "a number from 0.0 to 1.0", WeftConfig::samplerRatio, 1.0),
        bad("weft.sampler.ratio", "1.5", "a number from 0.0 to 1.0", WeftConfig::samplerRatio, 1.0),
        bad(
            "weft.batch.max-queue-size",
            "0",
            "a whole number from 1 to",
            WeftConfig::batchMaxQueueSize,
            262144),
        bad(
            "weft.batch.max-batch-size",
            "lots",
            "a whole number from 1 to",
            WeftConfig::batchMaxBatchSize,
            128),
        bad(
            "weft.batch.schedule-delay-ms",
            "-5",
            "a whole number from 1 to",
            WeftConfig::batchScheduleDelayMillis,
            1000L),
        bad(
            "weft.log.level",
            "loud",
            "debug, info, warn, error or off",
            WeftConfig::logLevel,
            "info"));
  }

  private static Arguments bad(
      String key, String value, String accepted, Function<WeftConfig, Object> read, Object def) {
    return Arguments.of(key, value, accepted, read, def);
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void accessor_whenBadValue_printsOneLineNamingKeyValueAndAcceptedThenUsesDefault(
      String key, String value, String accepted, Function<WeftConfig, Object> read, Object def) {
    WeftConfig config = withProperty(key, value);
    assertThat(read.apply(config)).isEqualTo(def);
    read.apply(config);
    assertThat(log.lines())
        .singleElement()
        .asString()
        .startsWith("[weft] WARN " + key + "=" + value + " is not accepted (")
        .contains(accepted);
  }

  @Test
  void exporters_namesAreLowerCaseWithoutDuplicates_andLookedUpLater() {
    WeftConfig config = withProperty("weft.exporters", " JSON , acme, otlp,json,,");
    assertThat(config.exporters()).containsExactly("json", "acme", "otlp");
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void exporters_noneAloneMeansNone_noneWithOthersIsDropped() {
    assertThat(withProperty("weft.exporters", "none").exporters()).containsExactly("none");
    assertThat(withProperty("weft.exporters", "none,console").exporters())
        .containsExactly("console");
  }

  @Test
  void methodRules_malformedEntriesSkippedOthersKept() {
    WeftConfig config = withProperty("weft.methods", "a.B[x]@agent;c.D[y]@bogus;e..F;g.H[*]@tool");
    assertThat(config.methodRules()).extracting(MethodRule::typeName).containsExactly("a.B", "g.H");
    assertThat(log.lines())
        .singleElement()
        .asString()
        .startsWith("[weft] WARN weft.methods=c.D[y]@bogus;e..F is not accepted (")
        .endsWith("skipping these entries");
  }

  @Test
  void redactPatterns_splitOnDoubleCommaAndKeepSingleCommas() {
    WeftConfig config = withProperty("weft.redact.patterns", "\\d{2,4}-x ,, (?i)acct-\\w+,,(bad");
    assertThat(config.redactPatterns())
        .extracting(Pattern::pattern)
        .containsExactly("\\d{2,4}-x", "(?i)acct-\\w+");
    assertThat(log.lines()).singleElement().asString().contains("weft.redact.patterns=(bad");
  }

  @Test
  void typedHelpers_readOtherModulesKeysAndApplyBadValueRule() {
    WeftConfig config =
        WeftConfig.load(
            "sampler.keep-errors=yes;implicit-trace-name=Run",
            Map.of("weft.some.count", "12", "weft.some.ratio", "x"),
            Map.of("WEFT_SOME_BIG", "123456789012"));
    assertThat(config.get("weft.implicit-trace-name")).isEqualTo("Run");
    assertThat(config.get("implicit-trace-name")).isEqualTo("Run");
    assertThat(config.get("weft.prices")).isNull();
    assertThat(config.getBoolean("weft.sampler.keep-errors", false)).isTrue();
    assertThat(config.getInt("weft.some.count", 1, 0, 100)).isEqualTo(12);
    assertThat(config.getLong("weft.some.big", 1, 0, Long.MAX_VALUE)).isEqualTo(123456789012L);
    assertThat(config.getDouble("weft.some.ratio", 0.5, 0, 1)).isEqualTo(0.5);
    assertThat(config.getDouble("weft.some.ratio", 0.5, 0, 1)).isEqualTo(0.5);
    assertThat(log.lines()).singleElement().asString().contains("weft.some.ratio=x");
  }

  @Test
  void toString_listsTheRuntimeValues_neverAnExportersSecret() {
    WeftConfig config =
        WeftConfig.load(
            "openai.api-key=sk-very-secret-key-1234567890;exporters=openai", Map.of(), Map.of());
    assertThat(config.toString())
        .doesNotContain("sk-very-secret")
        .contains("exporters=[openai]")
        .contains("sampler.ratio=1.0");
  }

  @Test
  void load_fromRealJvm_doesNotThrow() {
    assertThat(WeftConfig.load(null)).isNotNull();
  }

  @Test
  void load_whenPropertiesFileMissing_warnsOnceAndUsesOtherSources() {
    WeftConfig config =
        WeftConfig.load(
            null,
            Map.of("weft.config.file", dir.resolve("missing.properties").toString()),
            Map.of("WEFT_JSON_DIR", "env"));
    assertThat(config.getPath("json.dir", Path.of("weft-traces"))).isEqualTo(Path.of("env"));
    assertThat(log.lines()).singleElement().asString().contains("missing.properties");
  }

  @Test
  void reportUnknownKeys_namesEachTypoOnceWithTheClosestKnownKey() {
    WeftConfig config =
        WeftConfig.load(
            "exporter=console;instrumentation.langchain4j.enabled=false;acme.file=x",
            Map.of("weft.sampler.ration", "0.5", "weft.json.dir", "out"),
            Map.of("WEFT_EXPORTRS", "json", "WEFT_JSON_DIR", "env", "HOME", "/root"));

    config.reportUnknownKeys(List.of("weft.acme.file"));
    config.reportUnknownKeys(List.of("weft.acme.file"));

    assertThat(log.lines())
        .containsExactlyInAnyOrder(
            "[weft] WARN weft.exporter is not a Weft configuration key and is ignored;"
                + " did you mean weft.exporters?",
            "[weft] WARN weft.sampler.ration is not a Weft configuration key and is ignored;"
                + " did you mean weft.sampler.ratio?",
            "[weft] WARN WEFT_EXPORTRS is not a Weft configuration key and is ignored;"
                + " did you mean WEFT_EXPORTERS?");
  }
}
