package dev.weft.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.SystemProperties;
import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriceTableTest {

  @Test
  void parse_readsModelInputAndOutputPricesPerMillionTokens() {
    PriceTable table = PriceTable.parse("gpt-4.1=2.00/8.00, gpt-4.1-mini = 0.40/1.60");
    assertThat(table.prices())
        .containsExactly(
            Map.entry("gpt-4.1", new ModelPrice(2.0, 8.0)),
            Map.entry("gpt-4.1-mini", new ModelPrice(0.4, 1.6)));
    assertThat(table.price("gpt-4.1")).contains(new ModelPrice(2.0, 8.0));
    assertThat(new ModelPrice(2.0, 8.0).cost(1_000_000, 500_000)).isEqualTo(6.0);
  }

  @Test
  void price_ofADatedModel_usesTheLongestPricedPrefix() {
    PriceTable table = PriceTable.parse("gpt-4.1=2/8,gpt-4.1-mini=0.4/1.6");
    assertThat(table.price("gpt-4.1-mini-2025-04-14")).contains(new ModelPrice(0.4, 1.6));
    assertThat(table.price("gpt-4.1-2025-04-14")).contains(new ModelPrice(2, 8));
    assertThat(table.price("gpt-4.10")).isEmpty();
    assertThat(table.price("o3")).isEmpty();
    assertThat(table.price(null)).isEmpty();
  }

  @Test
  void parse_blankText_isTheEmptyTable() {
    assertThat(PriceTable.parse(null).prices()).isEmpty();
    assertThat(PriceTable.parse("  ")).isSameAs(PriceTable.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt-4.1", "gpt-4.1=2", "=1/2", "gpt=a/b", "gpt=-1/2", "gpt=NaN/1"})
  void parse_aBadEntry_failsNamingIt(String text) {
    assertThatThrownBy(() -> PriceTable.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("price entry");
  }

  @Test
  void parse_takesSemicolonsAndACachedInputPrice() {
    PriceTable table = PriceTable.parse("my-model=0.5/2.0;other=1/0.1/4");
    assertThat(table.price("my-model-v2")).contains(new ModelPrice(0.5, 0.5, 2.0));
    assertThat(table.price("Other")).contains(new ModelPrice(1, 0.1, 4));
    assertThat(new ModelPrice(1, 0.1, 4).cost(1_000_000, 500_000, 0)).isEqualTo(0.55);
  }

  @Test
  void builtIn_pricesCommonModelsByTheirDatedNames_withADate() {
    PriceTable table = PriceTable.builtIn();
    assertThat(table.asOf()).matches("\\d{4}-\\d\\d-\\d\\d");
    assertThat(table.price("gpt-4.1-mini-2025-04-14")).contains(new ModelPrice(0.4, 0.1, 1.6));
    assertThat(table.price("gpt-4.1-2025-04-14")).contains(new ModelPrice(2, 0.5, 8));
    assertThat(table.price("claude-3-5-sonnet-20241022")).isPresent();
    assertThat(table.price("openai/gpt-4o-mini")).isEqualTo(table.price("gpt-4o-mini"));
    assertThat(table.price("scripted-gpt")).isEmpty();
  }

  @Test
  void fromConfig_withNothingConfigured_isTheBuiltInTable() {
    assertThat(PriceTable.fromConfig(WeftConfig.defaults())).isSameAs(PriceTable.builtIn());
  }

  @Test
  void fromConfig_userPricesFromTheFileAndInlineWinOverTheBuiltInOnes(@TempDir Path dir)
      throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("prices.csv"),
            "# our contract, prices as of 2026-01-01\ngpt-4o,1,0.5,2\nhouse-model,3,3,4\n");
    try (SystemProperties props =
        new SystemProperties()
            .set("weft.prices.file", file.toString())
            .set("weft.prices", "house-model=5/6")) {
      PriceTable table = PriceTable.fromConfig(WeftConfig.load(null));
      assertThat(table.price("gpt-4o-2024-08-06")).contains(new ModelPrice(1, 0.5, 2));
      assertThat(table.price("house-model")).contains(new ModelPrice(5, 5, 6));
      assertThat(table.price("gpt-4.1-mini")).isEqualTo(PriceTable.builtIn().price("gpt-4.1-mini"));
      assertThat(table.asOf()).isEqualTo(PriceTable.builtIn().asOf());
    }
  }

  @Test
  void fromConfig_aBadValueIsOneStderrLineAndTheBuiltInPrices(@TempDir Path dir) {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (SystemProperties props = new SystemProperties().set("weft.prices", "gpt-4.1=2/8")) {
      assertThat(PriceTable.fromConfig(WeftConfig.load(null)).price("gpt-4.1"))
          .contains(new ModelPrice(2, 8));
      props.set("weft.prices", "gpt-4.1=two/eight");
      PriceTable table = PriceTable.fromConfig(WeftConfig.load(null));
      assertThat(table.price("gpt-4.1")).isEqualTo(PriceTable.builtIn().price("gpt-4.1"));
      props.set("weft.prices", null).set("weft.prices.file", dir.resolve("none.csv").toString());
      assertThat(PriceTable.fromConfig(WeftConfig.load(null))).isSameAs(PriceTable.builtIn());
    } finally {
      WeftLog.setOutput(System.err);
    }
    assertThat(log.toString(StandardCharsets.UTF_8).lines())
        .hasSize(2)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "weft.prices=gpt-4.1=two/eight",
                        "model=input/output",
                        "using the built-in prices"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("weft.prices.file=", "no such file", "using the built-in prices"));
  }
}
