package dev.weft.tracefile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.weft.capture.JsonText;
import dev.weft.capture.ValueRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime's own JSON text of captured trees agrees with what the trace writer writes. */
class TreeJsonTest {

  private static final JsonFactory FACTORY = new JsonFactory();

  private static Map<String, Object> sample() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put(
        "s", "quote\" backslash\\ newline\n tab\t ctrl\u0001 sep\u2028 </script> é \uD83D\uDE00");
    tree.put("n", null);
    tree.put("b", true);
    tree.put("l", 42L);
    tree.put("d", 1.5);
    tree.put("big", new BigDecimal("12345678901234567890.5"));
    tree.put("bi", new BigInteger("123456789012345678901234567890"));
    tree.put("list", Arrays.asList(1, "x", null, List.of()));
    tree.put("k\"ey", Map.of());
    return tree;
  }

  @Test
  void write_textAndGenerator_giveTheSameJson() throws IOException {
    StringWriter writer = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(writer)) {
      TraceJson.writeValue(generator, sample());
    }
    String text = JsonText.write(sample());
    assertThat(reparse(text)).isEqualTo(reparse(writer.toString()));
  }

  @Test
  void write_hostileStrings_roundTripExactly() throws IOException {
    String hostile = (String) sample().get("s");
    String json = JsonText.write(List.of(hostile));
    try (JsonParser parser = FACTORY.createParser(json)) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
      assertThat(parser.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
      assertThat(parser.getText()).isEqualTo(hostile);
    }
    assertThat(json).contains("</script>").contains("\\u2028").contains("\\u0001");
  }

  @Test
  void write_scalarsAndContainers_compactForm() {
    assertThat(JsonText.write(null)).isEqualTo("null");
    assertThat(JsonText.write(Map.of("a", List.of(1L, 2.5, false))))
        .isEqualTo("{\"a\":[1,2.5,false]}");
    assertThat(JsonText.write(new Object[] {"x", 1})).isEqualTo("[\"x\",1]");
  }

  @Test
  void write_nonFiniteAndUnknownNumbers_areStrings() {
    assertThat(JsonText.write(List.of(Double.NaN, Float.NEGATIVE_INFINITY)))
        .isEqualTo("[\"NaN\",\"-Infinity\"]");
    assertThat(JsonText.write(new java.util.concurrent.atomic.AtomicLong(3))).isEqualTo("\"3\"");
  }

  @Test
  void write_otherObjects_areTheirStringValue() {
    assertThat(JsonText.write(new StringBuilder("sb"))).isEqualTo("\"sb\"");
  }

  @Test
  void write_toUtf8Generator_rendererOutputWithBrokenSurrogatesIsEncodable() throws IOException {
    Object tree = ValueRenderer.defaults().render(List.of("half \uD83D pair"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(bytes)) {
      TraceJson.writeValue(generator, tree);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("[\"half \uFFFD pair\"]");
  }

  /** Parses JSON into a list of tokens and texts, to compare two writers' output. */
  private static List<String> reparse(String json) throws IOException {
    List<String> tokens = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(json)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        tokens.add(token + ":" + parser.getText());
      }
    }
    return tokens;
  }
}
