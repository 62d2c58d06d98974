package dev.weft.viewer;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The prices script of a trace folder, {@code weft-prices.js}: the call that hands the page its
 * model prices, closed by a comment naming what it was made from, so that a folder which already
 * has the same prices is recognised without writing them out again.
 *
 * <p>What it was made from is the build of the viewer ({@link ViewerBuild}), which covers how the
 * script is written, and the prices themselves, read from {@link ModelPrices} as they are: the
 * built-in table, or it with a user's price file and inline prices on top. Its fingerprint is two
 * independent 32-bit checksums of them, so different prices go unnoticed only about once in
 * 2<sup>64</sup>.
 */
final class PricesScript {

  private static final String CLOSING = "// weft-prices ";

  private PricesScript() {}

  /**
   * Writes the script of {@code prices} to {@code file}, unless the file already holds it.
   *
   * @throws IOException when the file cannot be read or written
   */
  static void writeTo(Path file, ModelPrices prices) throws IOException {
    String build = ViewerBuild.fingerprint();
    if (build == null) {
      AtomicFiles.writeUnlessSame(file, script(prices, ""));
      return;
    }
    String closing = CLOSING + fingerprint(build, prices) + "\n";
    if (!endsWith(file, closing.getBytes(StandardCharsets.US_ASCII))) {
      AtomicFiles.write(file, script(prices, closing));
    }
  }

  private static byte[] script(ModelPrices prices, String closing) {
    return ("weft.prices(" + json(prices) + ");\n" + closing).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The prices as the page reads them, {@code {"as_of": date, "models": {name: [input, cached,
   * output]}}}, safe to embed in a script.
   */
  static String json(ModelPrices prices) {
    StringWriter out = new StringWriter();
    try (var g = TraceSummary.JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("as_of", prices.asOf());
      g.writeObjectFieldStart("models");
      for (Map.Entry<String, ModelPrices.Price> e : new TreeMap<>(prices.prices()).entrySet()) {
        ModelPrices.Price p = e.getValue();
        g.writeArrayFieldStart(e.getKey());
        g.writeNumber(p.input());
        g.writeNumber(p.cachedInput());
        g.writeNumber(p.output());
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ScriptJson.escape(out.toString());
  }

  /**
   * The fingerprint of the script the given build writes for {@code prices}: 16 hex digits, the
   * same for equal prices whatever their order.
   */
  static String fingerprint(String build, ModelPrices prices) {
    StringBuilder text = new StringBuilder(64 * (prices.prices().size() + 2));
    text.append(build).append('\n').append(prices.asOf()).append('\n');
    for (Map.Entry<String, ModelPrices.Price> e : new TreeMap<>(prices.prices()).entrySet()) {
      ModelPrices.Price p = e.getValue();
      // The name's length first, so no name can pass for another name and a price.
      text.append(e.getKey().length()).append(':').append(e.getKey());
      for (double value : new double[] {p.input(), p.cachedInput(), p.output()}) {
        text.append(' ').append(Long.toHexString(Double.doubleToLongBits(value)));
      }
      text.append('\n');
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    CRC32 crc32 = new CRC32();
    crc32.update(bytes);
    CRC32C crc32c = new CRC32C();
    crc32c.update(bytes);
    String hex = Long.toHexString(crc32.getValue() << 32 | crc32c.getValue());
    return "0".repeat(16 - hex.length()) + hex;
  }

  /** Whether {@code file} ends with {@code tail}, reading only that many bytes. */
  private static boolean endsWith(Path file, byte[] tail) throws IOException {
    try (SeekableByteChannel in = Files.newByteChannel(file)) {
      if (in.size() < tail.length) {
        return false;
      }
      in.position(in.size() - tail.length);
      ByteBuffer read = ByteBuffer.allocate(tail.length);
      while (read.hasRemaining()) {
        if (in.read(read) < 0) {
          return false;
        }
      }
      return Arrays.equals(read.array(), tail);
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
