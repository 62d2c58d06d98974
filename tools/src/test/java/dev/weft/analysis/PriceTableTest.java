package dev.weft.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.SystemProperties;
import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
  void fromConfig_readsWeftPrices_andABadValueIsOneStderrLineAndNoPrices() {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    WeftLog.setOutput(new PrintStream(log, true, StandardCharsets.UTF_8));
    try (SystemProperties props = new SystemProperties().set("weft.prices", "gpt-4.1=2/8")) {
      assertThat(PriceTable.fromConfig(WeftConfig.load(null)).price("gpt-4.1")).isPresent();
      props.set("weft.prices", "gpt-4.1=two/eight");
      assertThat(PriceTable.fromConfig(WeftConfig.load(null)).prices()).isEmpty();
    } finally {
      WeftLog.setOutput(System.err);
    }
    assertThat(log.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .contains("weft.prices=gpt-4.1=two/eight", "model=input/output", "using no prices");
  }
}
