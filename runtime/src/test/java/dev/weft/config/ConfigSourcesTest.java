package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourcesTest {

  @RegisterExtension final LogCapture log = new LogCapture();

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    Path file = dir.resolve("weft.properties");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void get_fromEachSource() throws IOException {
    String fileKey = "weft.config.file";
    Path file = file("weft.a=file\n");
    assertThat(ConfigSources.create("a=arg", Map.of(), Map.of()).get("weft.a")).isEqualTo("arg");
    assertThat(ConfigSources.create(null, Map.of("weft.a", "prop"), Map.of()).get("weft.a"))
        .isEqualTo("prop");
    assertThat(ConfigSources.create(null, Map.of(), Map.of("WEFT_A", "env")).get("weft.a"))
        .isEqualTo("env");
    assertThat(ConfigSources.create(null, Map.of(fileKey, file.toString()), Map.of()).get("weft.a"))
        .isEqualTo("file");
  }

  @Test
  void get_precedence_agentArgThenSystemPropertyThenEnvironmentThenFile() throws IOException {
    Path file = file("weft.a=file\nweft.b=file\nweft.c=file\nweft.d=file\n");
    Map<String, String> props =
        Map.of("weft.config.file", file.toString(), "weft.a", "prop", "weft.b", "prop");
    Map<String, String> env = Map.of("WEFT_A", "env", "WEFT_B", "env", "WEFT_C", "env");
    ConfigSources sources = ConfigSources.create("a=arg", props, env);
    assertThat(sources.get("weft.a")).isEqualTo("arg");
    assertThat(sources.get("weft.b")).isEqualTo("prop");
    assertThat(sources.get("weft.c")).isEqualTo("env");
    assertThat(sources.get("weft.d")).isEqualTo("file");
    assertThat(sources.get("weft.e")).isNull();
  }

  @Test
  void get_whenSystemPropertyAndEnvBothSet_systemPropertyWins() {
    ConfigSources sources =
        ConfigSources.create(null, Map.of("weft.json.dir", "p"), Map.of("WEFT_JSON_DIR", "e"));
    assertThat(sources.get("weft.json.dir")).isEqualTo("p");
  }

  @Test
  void get_blankValue_countsAsAbsent() {
    ConfigSources sources =
        ConfigSources.create(
            " json.dir= ", Map.of("weft.json.dir", ""), Map.of("WEFT_JSON_DIR", "e"));
    assertThat(sources.get("weft.json.dir")).isEqualTo("e");
  }

  @Test
  void environmentName_upperCasesAndReplacesDotsAndDashes() {
    assertThat(ConfigSources.environmentName("weft.batch.max-queue-size"))
        .isEqualTo("WEFT_BATCH_MAX_QUEUE_SIZE");
  }

  @Test
  void create_fileNamedByEnvironmentOrAgentArg_isRead() throws IOException {
    Path file = file("json.dir=short\n");
    assertThat(
            ConfigSources.create(null, Map.of(), Map.of("WEFT_CONFIG_FILE", file.toString()))
                .get("weft.json.dir"))
        .isEqualTo("short");
    assertThat(ConfigSources.create("config.file=" + file, Map.of(), Map.of()).get("weft.json.dir"))
        .isEqualTo("short");
  }

  @Test
  void create_fileWithBothSpellings_prefixedKeyWins() throws IOException {
    Path file = file("weft.json.dir=long\njson.dir=short\n");
    assertThat(ConfigSources.create("config.file=" + file, Map.of(), Map.of()).get("weft.json.dir"))
        .isEqualTo("long");
  }

  @Test
  void create_whenFileMissing_warnsOnceAndContinues() {
    Path missing = dir.resolve("nope.properties");
    ConfigSources sources =
        ConfigSources.create("config.file=" + missing + ";json.dir=x", Map.of(), Map.of());
    assertThat(sources.get("weft.json.dir")).isEqualTo("x");
    assertThat(log.lines())
        .singleElement()
        .asString()
        .startsWith("[weft] WARN weft.config.file=")
        .contains("nope.properties")
        .contains("continuing without it");
  }

  @Test
  void create_whenFileIsADirectory_warnsOnceAndContinues() {
    ConfigSources.create("config.file=" + dir, Map.of(), Map.of());
    assertThat(log.lines()).hasSize(1);
  }

  @Test
  void getenv_returnsVariableAsIs() {
    ConfigSources sources = ConfigSources.create(null, Map.of(), Map.of("OPENAI_API_KEY", " k "));
    assertThat(sources.getenv("OPENAI_API_KEY")).isEqualTo("k");
    assertThat(sources.getenv("MISSING")).isNull();
  }
}
