package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.weft.viewer.ModelPrices.Price;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelPricesTest {

  @TempDir Path dir;

  @Test
  void builtIn_hasADateAndTheCommonModelsOfEachProvider() {
    ModelPrices prices = ModelPrices.builtIn();

    assertThat(prices.asOf()).matches("\\d{4}-\\d\\d-\\d\\d");
    assertThat(prices.prices())
        .containsKeys(
            "gpt-4.1",
            "gpt-4.1-mini",
            "gpt-4.1-nano",
            "gpt-4o",
            "gpt-4o-mini",
            "o1",
            "o3",
            "o3-mini",
            "o4-mini",
            "gpt-5",
            "gpt-5-mini",
            "gpt-5-nano",
            "claude-opus-4-1",
            "claude-sonnet-4-5",
            "claude-haiku-4-5",
            "claude-3-7-sonnet",
            "claude-3-5-sonnet",
            "claude-3-5-haiku",
            "gemini-2.5-pro",
            "gemini-2.5-flash",
            "gemini-2.5-flash-lite",
            "gemini-2.0-flash",
            "mistral-large",
            "mistral-medium",
            "mistral-small",
            "codestral",
            "llama-3.3-70b",
            "llama-4-scout",
            "llama-4-maverick",
            "deepseek-chat",
            "deepseek-reasoner");
    assertThat(prices.find("gpt-4.1-mini")).contains(new Price(0.40, 0.10, 1.60));
    prices
        .prices()
        .forEach(
            (model, price) ->
                assertThat(price.cachedInput()).as(model).isLessThanOrEqualTo(price.input()));
  }

  @ParameterizedTest
  @CsvSource({
    "gpt-4.1-mini-2025-04-14, gpt-4.1-mini",
    "gpt-4.1-2025-04-14, gpt-4.1",
    "gpt-4.1-nano, gpt-4.1-nano",
    "GPT-4o-Mini-2024-07-18, gpt-4o-mini",
    "gpt-4o-2024-08-06, gpt-4o",
    "gpt-4o-2024-05-13, gpt-4o-2024-05-13",
    "openai/gpt-4o, gpt-4o",
    "o3-mini-2025-01-31, o3-mini",
    "o3-2025-04-16, o3",
    "claude-3-5-sonnet-20241022, claude-3-5-sonnet",
    "claude-3-5-sonnet-latest, claude-3-5-sonnet",
    "claude-3-7-sonnet@20250219, claude-3-7-sonnet",
    "claude-opus-4-1-20250805, claude-opus-4-1",
    "claude-opus-4-20250514, claude-opus-4",
    "anthropic/claude-sonnet-4-5, claude-sonnet-4-5",
    "models/gemini-2.5-flash-lite, gemini-2.5-flash-lite",
    "gemini-2.5-flash-preview-05-20, gemini-2.5-flash",
    "gemini-2.0-flash-001, gemini-2.0-flash",
    "mistral-large-latest, mistral-large",
    "codestral-2501, codestral",
    "meta-llama/Llama-4-Scout-17B-16E-Instruct, llama-4-scout",
    "llama-3.3-70b-versatile, llama-3.3-70b",
    "deepseek-chat, deepseek-chat",
    " DeepSeek-Reasoner , deepseek-reasoner",
  })
  void find_matchesDatedAndVersionedNamesByTheLongestPricedPrefix(String model, String priced) {
    ModelPrices prices = ModelPrices.builtIn();

    assertThat(prices.find(model)).as(model).contains(prices.prices().get(priced));
  }

  @Test
  void find_needsTheNameToGoOnWithASeparator_soAPrefixOfAnotherNameIsNotEnough() {
    ModelPrices prices = ModelPrices.parse("gpt-4.1=2/8;gpt-4.1-mini=0.4/1.6");

    assertThat(prices.find("gpt-4.1-mini-2025-04-14")).contains(new Price(0.4, 0.4, 1.6));
    assertThat(prices.find("gpt-4.10")).isEmpty();
    assertThat(prices.find("gpt-4.1mini")).isEmpty();
    assertThat(prices.find("gpt-4")).isEmpty();
    assertThat(prices.find("scripted-gpt")).isEmpty();
    assertThat(prices.find("")).isEmpty();
    assertThat(prices.find("openai/")).isEmpty();
    assertThat(prices.find(null)).isEmpty();
  }

  @Test
  void parse_readsInputOutputOrInputCachedOutput_separatedBySemicolonsOrCommas() {
    ModelPrices prices = ModelPrices.parse(" my-model = 0.5/2.0 ; Other=1/0.1/4, third=0/0 ;");

    assertThat(prices.prices())
        .containsExactly(
            Map.entry("my-model", new Price(0.5, 0.5, 2.0)),
            Map.entry("other", new Price(1, 0.1, 4)),
            Map.entry("third", new Price(0, 0, 0)));
    assertThat(prices.asOf()).isNull();
    assertThat(ModelPrices.parse("  ")).isSameAs(ModelPrices.none());
    assertThat(ModelPrices.parse(null).isEmpty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "gpt-4.1",
        "gpt-4.1=2",
        "gpt-4.1=1/2/3/4",
        "=1/2",
        " =1/2",
        "gpt=a/b",
        "gpt=-1/2",
        "gpt=1/-0.5/2",
        "gpt=NaN/1",
        "gpt=Infinity/1",
        "gpt=1/"
      })
  void parse_aBadEntry_failsNamingIt(String text) {
    assertThatThrownBy(() -> ModelPrices.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("price entry");
  }

  @Test
  void parseTable_readsTheBuiltInFormat_withItsDate() {
    ModelPrices prices =
        ModelPrices.parseTable(
            "# our prices as of 2026-01-15\n"
                + "model,input,cached_input,output\n"
                + "\n"
                + "house-model,1.00,0.25,3.00\r\n"
                + "two-prices,2,6\n");

    assertThat(prices.asOf()).isEqualTo("2026-01-15");
    assertThat(prices.prices())
        .containsExactly(
            Map.entry("house-model", new Price(1, 0.25, 3)),
            Map.entry("two-prices", new Price(2, 2, 6)));
    assertThatThrownBy(() -> ModelPrices.parseTable("a,1,2\nb,1,x,2\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void overriddenBy_userPricesWinAndAddModels_keepingTheBuiltInDate() {
    ModelPrices merged =
        ModelPrices.builtIn().overriddenBy(ModelPrices.parse("gpt-4o=1/2;house-model=3/4"));

    assertThat(merged.find("gpt-4o-2024-08-06")).contains(new Price(1, 1, 2));
    assertThat(merged.find("house-model-v2")).contains(new Price(3, 3, 4));
    assertThat(merged.find("gpt-4o-mini")).isEqualTo(ModelPrices.builtIn().find("gpt-4o-mini"));
    assertThat(merged.asOf()).isEqualTo(ModelPrices.builtIn().asOf());
    assertThat(ModelPrices.builtIn().overriddenBy(ModelPrices.none()))
        .isSameAs(ModelPrices.builtIn());
  }

  @Test
  void cost_chargesCachedInputAtTheCachedPriceAndTheRestAtTheInputPrice() {
    Price price = new Price(2.0, 0.5, 8.0);

    // 600,000 uncached x $2 + 400,000 cached x $0.50 + 100,000 output x $8, per million.
    assertThat(price.cost(1_000_000, 400_000, 100_000)).isCloseTo(2.2, within(1e-12));
    assertThat(price.cost(1_000_000, 0, 0)).isCloseTo(2.0, within(1e-12));
    assertThat(price.cost(100, 500, 0)).as("cached beyond input").isCloseTo(0.00005, within(1e-12));
    assertThat(price.cost(-5, -1, -3)).isZero();
  }

  @Test
  void price_rejectsNegativeNaNAndInfinitePrices() {
    for (double[] bad :
        new double[][] {{-1, 0, 0}, {0, Double.NaN, 0}, {0, 0, Double.POSITIVE_INFINITY}}) {
      assertThatThrownBy(() -> new Price(bad[0], bad[1], bad[2]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void configured_fileThenInlineOnTop_andEachBadValueIsReportedOnceAndLeftOut() throws IOException {
    Path file = Files.writeString(dir.resolve("prices.csv"), "house-model,1,0.5,2\ngpt-4o,9,9,9\n");
    List<String> reports = new ArrayList<>();
    ModelPrices.BadValue bad = (key, value, accepted, use) -> reports.add(key + "|" + use);

    ModelPrices prices = ModelPrices.configured("gpt-4o=1/2", file.toString(), bad);
    assertThat(prices.find("house-model")).contains(new Price(1, 0.5, 2));
    assertThat(prices.find("gpt-4o")).contains(new Price(1, 1, 2));
    assertThat(reports).isEmpty();

    assertThat(ModelPrices.configured("gpt-4o=one/two", null, bad).isEmpty()).isTrue();
    assertThat(ModelPrices.configured(null, dir.resolve("missing.csv").toString(), bad).isEmpty())
        .isTrue();
    Files.writeString(file, "house-model,1,x,2\n");
    assertThat(ModelPrices.configured("a=1/2", file.toString(), bad).find("a")).isPresent();
    assertThat(reports)
        .containsExactly(
            "weft.prices|using the built-in prices",
            "weft.prices.file|using the built-in prices",
            "weft.prices.file|using the built-in prices");
  }
}
