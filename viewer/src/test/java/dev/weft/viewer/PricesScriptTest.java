package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.viewer.ModelPrices.Price;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricesScriptTest {

  private static final String BUILD = "ab".repeat(32);

  @Test
  void fingerprint_isTheSameForTheSamePricesInAnyOrder() {
    Map<String, Price> forward = new LinkedHashMap<>();
    forward.put("a", new Price(1, 0.5, 2));
    forward.put("b", new Price(3, 3, 4));
    Map<String, Price> backward = new LinkedHashMap<>();
    backward.put("b", new Price(3, 3, 4));
    backward.put("a", new Price(1, 0.5, 2));

    assertThat(PricesScript.fingerprint(BUILD, ModelPrices.of(forward)))
        .matches("[0-9a-f]{16}")
        .isEqualTo(PricesScript.fingerprint(BUILD, ModelPrices.of(backward)));
  }

  @Test
  void fingerprint_changesWithAnyPriceTheDateOrTheBuild() {
    ModelPrices prices = ModelPrices.parseTable("# prices as of 2026-01-01\na,1,0.5,2\nb,3,3,4\n");
    String fingerprint = PricesScript.fingerprint(BUILD, prices);

    assertThat(
            new String[] {
              PricesScript.fingerprint(
                  BUILD, prices.overriddenBy(ModelPrices.parse("a=1/0.5/2.01"))),
              PricesScript.fingerprint(BUILD, prices.overriddenBy(ModelPrices.parse("a=1/0.4/2"))),
              PricesScript.fingerprint(BUILD, prices.overriddenBy(ModelPrices.parse("c=1/1"))),
              PricesScript.fingerprint(
                  BUILD, ModelPrices.parseTable("# prices as of 2026-02-01\na,1,0.5,2\nb,3,3,4\n")),
              PricesScript.fingerprint(BUILD, ModelPrices.parse("a=1/0.5/2;b=3/3/4")),
              PricesScript.fingerprint("cd".repeat(32), prices)
            })
        .doesNotContain(fingerprint)
        .doesNotHaveDuplicates();
  }

  @Test
  void json_isWhatThePageReads() {
    assertThat(PricesScript.json(ModelPrices.parse("GPT-4o=2.5/1.25/10")))
        .isEqualTo("{\"as_of\":null,\"models\":{\"gpt-4o\":[2.5,1.25,10.0]}}");
  }
}
