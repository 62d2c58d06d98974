package dev.weft.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValuesTest {

  @RegisterExtension final LogCapture log = new LogCapture();

  private static ConfigValues values(Map<String, String> systemProperties) {
    return new ConfigValues(ConfigSources.create(null, systemProperties, Map.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "yes", "on", "1"})
  void getBoolean_trueSpellings_areTrue(String value) {
    assertThat(values(Map.of("weft.x", value)).getBoolean("weft.x", false)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "False", "no", "off", "0"})
  void getBoolean_falseSpellings_areFalse(String value) {
    assertThat(values(Map.of("weft.x", value)).getBoolean("weft.x", true)).isFalse();
  }

  @Test
  void getBoolean_whenBad_warnsWithKeyValueAndAcceptedThenUsesDefault() {
    assertThat(values(Map.of("weft.x", "maybe")).getBoolean("weft.x", true)).isTrue();
    assertThat(log.lines())
        .containsExactly("[weft] WARN weft.x=maybe is not accepted (true or false); using true");
  }

  @Test
  void getInt_inRange_isParsed() {
    assertThat(values(Map.of("weft.n", "1_000")).getInt("weft.n", 5, 0, 2000)).isEqualTo(1000);
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void getInt_whenOutOfRangeOrNotANumber_warnsThenUsesDefault() {
    assertThat(values(Map.of("weft.n", "7")).getInt("weft.n", 5, 0, 6)).isEqualTo(5);
    assertThat(values(Map.of("weft.n", "x")).getInt("weft.n", 5, 0, 6)).isEqualTo(5);
    assertThat(log.lines())
        .containsExactly(
            "[weft] WARN weft.n=7 is not accepted (a whole number from 0 to 6); using 5",
            "[weft] WARN weft.n=x is not accepted (a whole number from 0 to 6); using 5");
  }

  @Test
  void getLong_whenAbsent_usesDefaultSilently() {
    assertThat(values(Map.of()).getLong("weft.n", 9L, 0, 10)).isEqualTo(9L);
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void getDouble_whenBad_warnsWithRange() {
    ConfigValues values = values(Map.of("weft.sampler.ratio", "abc"));
    assertThat(values.getDouble("weft.sampler.ratio", 1.0, 0.0, 1.0)).isEqualTo(1.0);
    assertThat(log.lines())
        .containsExactly(
            "[weft] WARN weft.sampler.ratio=abc is not accepted (a number from 0.0 to 1.0);"
                + " using 1.0");
  }

  @Test
  void getDouble_whenNaN_isRejected() {
    assertThat(values(Map.of("weft.r", "NaN")).getDouble("weft.r", 0.5, 0.0, 1.0)).isEqualTo(0.5);
    assertThat(log.lines()).hasSize(1);
  }

  @Test
  void getLong_whenMinAboveMax_throwsForTheCaller() {
    assertThatThrownBy(() -> values(Map.of()).getLong("weft.n", 1, 5, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportBadValue_sameKeyTwice_printsOneLine() {
    ConfigValues values = values(Map.of("weft.n", "x"));
    values.getInt("weft.n", 1, 0, 2);
    values.getInt("weft.n", 1, 0, 2);
    assertThat(log.lines()).hasSize(1);
  }

  @Test
  void reportBadValue_veryLongValue_isShortened() {
    ConfigValues values = values(Map.of("weft.n", "9".repeat(5000)));
    values.getInt("weft.n", 1, 0, 2);
    assertThat(log.lines()).singleElement().asString().hasSizeLessThan(400).contains("...");
  }

  @Test
  void getPath_whenValid_isPath() {
    assertThat(values(Map.of("weft.p", "a/b")).getPath("weft.p", Path.of("d")))
        .isEqualTo(Path.of("a/b"));
  }

  @Test
  void getPath_whenInvalid_warnsThenUsesDefault() {
    assertThat(values(Map.of("weft.p", "a\u0000b")).getPath("weft.p", Path.of("d")))
        .isEqualTo(Path.of("d"));
    assertThat(log.lines()).singleElement().asString().contains("a file system path");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://h/x", "not a uri", "/relative", "http://"})
  void getHttpUri_whenNotAbsoluteHttp_warnsThenUsesDefault(String value) {
    URI def = URI.create("http://d/");
    assertThat(values(Map.of("weft.u", value)).getHttpUri("weft.u", def)).isEqualTo(def);
    assertThat(log.lines())
        .singleElement()
        .asString()
        .contains("weft.u=" + value)
        .contains("an absolute http or https URL")
        .endsWith("using http://d/");
  }

  @Test
  void getHttpUri_https_isAccepted() {
    assertThat(
            values(Map.of("weft.u", "https://h:8443/p"))
                .getHttpUri("weft.u", URI.create("http://d/")))
        .isEqualTo(URI.create("https://h:8443/p"));
  }
}
