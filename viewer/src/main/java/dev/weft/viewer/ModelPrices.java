package dev.weft.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model prices for cost estimates, in US dollars per million tokens: input, cached input and output
 * per model. Immutable.
 *
 * <p>Weft ships a table of the common models' list prices ({@link #builtIn()}); a user's prices,
 * inline ({@link #parse(String)}) or from a file in the built-in table's format ({@link
 * #parseTable(String)}), replace or add to it ({@link #overriddenBy(ModelPrices)}).
 *
 * <p>A model is found ({@link #find(String)}) by its own name, else by the longest priced name it
 * starts with followed by {@code -}, {@code @} or {@code :}, so {@code gpt-4.1-mini-2025-04-14}
 * uses the price of {@code gpt-4.1-mini}, never that of {@code gpt-4.1}. Case is ignored, and a
 * provider prefix ending in {@code /} ({@code openai/gpt-4.1}) is dropped. The viewer's script
 * matches the same way.
 */
public final class ModelPrices {

  /**
   * One model's prices, in US dollars per million tokens.
   *
   * @param input price of a million input tokens not read from a cache
   * @param cachedInput price of a million input tokens read from the provider's prompt cache
   * @param output price of a million output tokens, reasoning tokens included
   */
  public record Price(double input, double cachedInput, double output) {

    /** Creates a price; each must be finite and not negative. */
    public Price {
      if (!valid(input) || !valid(cachedInput) || !valid(output)) {
        throw new IllegalArgumentException(
            "prices must be finite and not negative: " + input + "/" + cachedInput + "/" + output);
      }
    }

    /**
     * Returns the cost in US dollars of one call: the input tokens not cached at the input price,
     * the cached ones at the cached price, the output tokens at the output price. Negative counts
     * count as zero, and cached tokens as at most the input tokens.
     */
    public double cost(long inputTokens, long cachedTokens, long outputTokens) {
      long in = Math.max(0, inputTokens);
      long cached = Math.min(in, Math.max(0, cachedTokens));
      return ((in - cached) * input + cached * cachedInput + Math.max(0, outputTokens) * output)
          / 1_000_000.0;
    }

    private static boolean valid(double value) {
      return value >= 0 && !Double.isInfinite(value);
    }
  }

  /** The built-in table's resource, next to this class. */
  static final String BUILT_IN_RESOURCE = "model-prices.csv";

  private static final Pattern AS_OF = Pattern.compile("prices as of (\\d{4}-\\d\\d-\\d\\d)");
  private static final ModelPrices NONE = new ModelPrices(Map.of(), null);

  private final Map<String, Price> prices;
  private final String asOf;

  private ModelPrices(Map<String, Price> prices, String asOf) {
    this.prices = prices;
    this.asOf = asOf;
  }

  /** Returns no prices: every model is unpriced. */
  public static ModelPrices none() {
    return NONE;
  }

  /** Returns the prices Weft ships, read once from its packaged table. */
  public static ModelPrices builtIn() {
    return BuiltIn.PRICES;
  }

  /**
   * Returns the given prices by model name.
   *
   * @throws IllegalArgumentException when a name is blank
   */
  public static ModelPrices of(Map<String, Price> prices) {
    Map<String, Price> copy = new LinkedHashMap<>();
    prices.forEach((name, price) -> copy.put(key(name), price));
    return copy.isEmpty() ? NONE : new ModelPrices(Collections.unmodifiableMap(copy), null);
  }

  /**
   * Parses inline prices: entries separated by {@code ;} or {@code ,}, each {@code
   * model=input/output} or {@code model=input/cached/output} in US dollars per million tokens, e.g.
   * {@code my-model=0.5/2.0;other=1/0.1/4}. Without a cached price, cached input costs the input
   * price. Blank text gives no prices.
   *
   * @throws IllegalArgumentException naming the first entry that is not of that form
   */
  public static ModelPrices parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    Map<String, Price> prices = new LinkedHashMap<>();
    for (String entry : text.split("[;,]")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.lastIndexOf('=');
      if (eq <= 0 || trimmed.substring(0, eq).isBlank()) {
        throw new IllegalArgumentException(
            "price entry '" + trimmed + "' is not model=input/output or model=input/cached/output");
      }
      put(prices, trimmed.substring(0, eq), trimmed.substring(eq + 1).split("/", -1), trimmed);
    }
    return prices.isEmpty() ? NONE : new ModelPrices(Collections.unmodifiableMap(prices), null);
  }

  /**
   * Parses a price table in the built-in table's format: one {@code
   * model,input,cached_input,output} line per model (or {@code model,input,output}), in US dollars
   * per million tokens; blank lines, lines starting with {@code #} and a header line starting with
   * {@code model,} are skipped. A comment saying {@code prices as of YYYY-MM-DD} gives the table's
   * date.
   *
   * @throws IllegalArgumentException naming the first line that is not of that form
   */
  public static ModelPrices parseTable(String text) {
    Map<String, Price> prices = new LinkedHashMap<>();
    String date = null;
    int number = 0;
    for (String line : text.split("\r?\n")) {
      number++;
      String trimmed = line.strip();
      if (trimmed.startsWith("#")) {
        Matcher m = AS_OF.matcher(trimmed);
        if (date == null && m.find()) {
          date = m.group(1);
        }
        continue;
      }
      if (trimmed.isEmpty() || trimmed.toLowerCase(Locale.ROOT).startsWith("model,")) {
        continue;
      }
      String[] cells = trimmed.split(",", -1);
      String[] numbers = new String[cells.length - 1];
      System.arraycopy(cells, 1, numbers, 0, numbers.length);
      put(prices, cells[0], numbers, "line " + number + " '" + trimmed + "'");
    }
    return prices.isEmpty() && date == null
        ? NONE
        : new ModelPrices(Collections.unmodifiableMap(prices), date);
  }

  /**
   * Reads a price table file ({@link #parseTable(String)}), as UTF-8.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when a line is not a price
   */
  public static ModelPrices readTable(Path file) throws IOException {
    return parseTable(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Receives a configured value that is not accepted, such as {@code WeftConfig::reportBadValue}.
   */
  @FunctionalInterface
  public interface BadValue {
    /**
     * Reports one bad value.
     *
     * @param key the configuration key
     * @param value the value given
     * @param accepted what the key accepts
     * @param consequence what is used instead
     */
    void report(String key, String value, String accepted, String consequence);
  }

  /**
   * Returns the prices a user configured: those of the file named by {@code weft.prices.file}, then
   * those of {@code weft.prices} on top. A file that cannot be read or a value that does not parse
   * is reported to {@code bad} and left out, so the built-in prices apply instead.
   *
   * @param inline the value of {@code weft.prices}, or null
   * @param file the value of {@code weft.prices.file}, or null
   * @param bad where a bad value is reported
   */
  public static ModelPrices configured(String inline, String file, BadValue bad) {
    ModelPrices fromFile = NONE;
    if (file != null && !file.isBlank()) {
      try {
        fromFile = readTable(Path.of(file.strip()));
      } catch (IOException | RuntimeException e) {
        bad.report(
            "weft.prices.file",
            file,
            "a readable UTF-8 file of model,input,cached_input,output lines in US dollars per"
                + " million tokens ("
                + oneLine(e)
                + ")",
            "using the built-in prices");
      }
    }
    ModelPrices fromText = NONE;
    try {
      fromText = parse(inline);
    } catch (IllegalArgumentException e) {
      bad.report(
          "weft.prices",
          inline,
          "model=input/output or model=input/cached/output in US dollars per million tokens,"
              + " separated by ';', e.g. my-model=0.5/2.0;other=1/0.1/4 ("
              + e.getMessage()
              + ")",
          "using the built-in prices");
    }
    return fromFile.overriddenBy(fromText);
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof java.nio.file.NoSuchFileException) {
      message = "no such file";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static void put(Map<String, Price> prices, String name, String[] numbers, String what) {
    String model = name.strip();
    if (model.isEmpty() || (numbers.length != 2 && numbers.length != 3)) {
      throw new IllegalArgumentException(
          "price entry " + quoted(what) + " needs a model and two or three prices");
    }
    try {
      double input = Double.parseDouble(numbers[0].strip());
      double output = Double.parseDouble(numbers[numbers.length - 1].strip());
      double cached = numbers.length == 3 ? Double.parseDouble(numbers[1].strip()) : input;
      prices.put(key(model), new Price(input, cached, output));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "price entry "
              + quoted(what)
              + " needs finite, non-negative numbers (US dollars per million tokens)",
          e);
    }
  }

  private static String quoted(String what) {
    return what.startsWith("line ") ? what : "'" + what + "'";
  }

  /**
   * Returns these prices with {@code overrides} on top: a model priced in both takes the price of
   * {@code overrides}. The date stays this table's.
   */
  public ModelPrices overriddenBy(ModelPrices overrides) {
    if (overrides.prices.isEmpty()) {
      return this;
    }
    Map<String, Price> merged = new LinkedHashMap<>(prices);
    merged.putAll(overrides.prices);
    return new ModelPrices(Collections.unmodifiableMap(merged), asOf);
  }

  /**
   * Returns the price of a model as it is named in a trace ({@code gpt-4.1-mini-2025-04-14}, {@code
   * openai/gpt-4o}), or empty when it has none or the name is null or blank.
   */
  public Optional<Price> find(String model) {
    String name = lookupName(model);
    if (name == null) {
      return Optional.empty();
    }
    String best = matchingName(name);
    return best == null ? Optional.empty() : Optional.of(prices.get(best));
  }

  /** Returns the priced name the model matches, or null; {@code name} is already looked up. */
  private String matchingName(String name) {
    if (prices.containsKey(name)) {
      return name;
    }
    String best = null;
    for (String priced : prices.keySet()) {
      if (name.length() > priced.length()
          && name.startsWith(priced)
          && "-@:".indexOf(name.charAt(priced.length())) >= 0
          && (best == null || priced.length() > best.length())) {
        best = priced;
      }
    }
    return best;
  }

  /** The name a model is looked up by: trimmed, lower case, without a provider prefix. */
  static String lookupName(String model) {
    if (model == null) {
      return null;
    }
    String name = model.strip().toLowerCase(Locale.ROOT);
    name = name.substring(name.lastIndexOf('/') + 1);
    return name.isEmpty() ? null : name;
  }

  private static String key(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    if (key.isEmpty()) {
      throw new IllegalArgumentException("a priced model needs a name");
    }
    return key;
  }

  /** Returns the prices by model name (lower case), in the order given. */
  public Map<String, Price> prices() {
    return prices;
  }

  /** Returns whether no model is priced. */
  public boolean isEmpty() {
    return prices.isEmpty();
  }

  /**
   * Returns the date the prices were taken, {@code YYYY-MM-DD}, or null when not known (the
   * built-in table has one).
   */
  public String asOf() {
    return asOf;
  }

  @Override
  public String toString() {
    return "ModelPrices[" + prices.size() + " models" + (asOf == null ? "" : ", " + asOf) + "]";
  }

  private static final class BuiltIn {
    static final ModelPrices PRICES = load();

    private static ModelPrices load() {
      try (InputStream in = ModelPrices.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("viewer resource missing: " + BUILT_IN_RESOURCE);
        }
        return parseTable(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
