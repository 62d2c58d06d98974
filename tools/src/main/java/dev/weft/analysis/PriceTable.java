package dev.weft.analysis;

import dev.weft.config.WeftConfig;
import dev.weft.viewer.ModelPrices;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per model for cost estimates: the list prices Weft ships ({@link #builtIn()}), with the
 * user's own on top ({@link #fromConfig(WeftConfig)}), or only the given ones ({@link
 * #parse(String)}, {@link #of(Map)}).
 *
 * <p>A model is found by its own name, else by the longest priced name it starts with followed by
 * {@code -}, {@code @} or {@code :}, so {@code gpt-4.1-mini-2025-04-14} uses the price of {@code
 * gpt-4.1-mini}, not that of {@code gpt-4.1}. Case is ignored, and a provider prefix such as {@code
 * openai/} is dropped. The viewer matches the same way.
 */
public final class PriceTable {
  /** The configuration key of inline prices, read by {@link #fromConfig(WeftConfig)}. */
  public static final String CONFIG_KEY = "weft.prices";

  /** The configuration key of a price file, read by {@link #fromConfig(WeftConfig)}. */
  public static final String FILE_CONFIG_KEY = "weft.prices.file";

  private static final PriceTable EMPTY = new PriceTable(ModelPrices.none());

  private final ModelPrices prices;

  private PriceTable(ModelPrices prices) {
    this.prices = prices;
  }

  /** Returns a table with no prices: every model is unpriced. */
  public static PriceTable empty() {
    return EMPTY;
  }

  /**
   * Returns the prices Weft ships: list prices of the common OpenAI, Anthropic, Google, Mistral,
   * Llama (as one host sells them) and DeepSeek models, as of the date {@link #asOf()} gives.
   */
  public static PriceTable builtIn() {
    return BuiltIn.TABLE;
  }

  /** Returns a table of the given prices by model name. */
  public static PriceTable of(Map<String, ModelPrice> prices) {
    Map<String, ModelPrices.Price> converted = new LinkedHashMap<>();
    prices.forEach(
        (model, p) ->
            converted.put(
                model,
                new ModelPrices.Price(
                    p.inputPerMillion(), p.cachedInputPerMillion(), p.outputPerMillion())));
    return converted.isEmpty() ? EMPTY : new PriceTable(ModelPrices.of(converted));
  }

  /**
   * Parses prices in US dollars per million tokens, entries separated by {@code ;} or {@code ,},
   * each {@code model=input/output} or {@code model=input/cached/output}: {@code
   * gpt-4.1=2.00/8.00;my-model=0.5/0.1/2}. Blank text gives an empty table; the built-in prices are
   * not included.
   *
   * @throws IllegalArgumentException naming the first entry that is not of that form with
   *     non-negative numbers
   */
  public static PriceTable parse(String text) {
    ModelPrices parsed = ModelPrices.parse(text);
    return parsed.isEmpty() ? EMPTY : new PriceTable(parsed);
  }

  /**
   * Returns the built-in prices with the configured ones on top: those of the file named by {@code
   * weft.prices.file} (the built-in table's format), then those of {@code weft.prices}. A value
   * that cannot be used is reported on one stderr line and left out, so the built-in prices apply.
   */
  public static PriceTable fromConfig(WeftConfig config) {
    ModelPrices configured =
        ModelPrices.configured(
            config.get(CONFIG_KEY), config.get(FILE_CONFIG_KEY), config::reportBadValue);
    return configured.isEmpty()
        ? builtIn()
        : new PriceTable(ModelPrices.builtIn().overriddenBy(configured));
  }

  /** Returns the price of a model, or empty when the model is unpriced or null. */
  public Optional<ModelPrice> price(String model) {
    return prices.find(model).map(PriceTable::convert);
  }

  /** Returns the prices by model name (lower case), in the order given. */
  public Map<String, ModelPrice> prices() {
    Map<String, ModelPrice> out = new LinkedHashMap<>();
    prices.prices().forEach((model, p) -> out.put(model, convert(p)));
    return Collections.unmodifiableMap(out);
  }

  /** Returns the date the built-in prices were taken, {@code YYYY-MM-DD}, or null for none. */
  public String asOf() {
    return prices.asOf();
  }

  /** Returns the prices as the viewer takes them. */
  public ModelPrices modelPrices() {
    return prices;
  }

  private static ModelPrice convert(ModelPrices.Price p) {
    return new ModelPrice(p.input(), p.cachedInput(), p.output());
  }

  @Override
  public String toString() {
    return "PriceTable" + prices();
  }

  private static final class BuiltIn {
    static final PriceTable TABLE = new PriceTable(ModelPrices.builtIn());
  }
}
