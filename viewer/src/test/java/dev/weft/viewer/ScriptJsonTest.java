package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ScriptJsonTest {

  @Test
  void escape_replacesEveryCharacterThatCouldEndOrConfuseAScript() {
    String json = "{\"a\":\"</script><!-- & \u2028\u2029\"}";

    assertThat(ScriptJson.escape(json))
        .isEqualTo("{\"a\":\"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029\"}")
        .doesNotContain("<", ">", "&", "\u2028", "\u2029");
  }

  @Test
  void escape_returnsTextWithoutSuchCharactersUnchanged() {
    String json = "{\"a\":[1,2,\"b\"]}";

    assertThat(ScriptJson.escape(json)).isSameAs(json);
  }

  @Test
  void appendEscaped_writesTheBytesOfEscapeBetweenPrefixAndSuffix() throws IOException {
    String[] texts = {
      "{\"a\":\"</script><!-- & \u2028\u2029\"}",
      "{\"a\":[1,2,\"b\"]}",
      "{\"é\":\"\u20ac \u2027\u202a ✓ <\u2028>\"}",
      "",
    };
    for (String json : texts) {
      ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
      ScriptJson.appendEscaped(
          wrapped, "weft.trace(", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), ");\n");

      assertThat(wrapped.toString(java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("weft.trace(" + ScriptJson.escape(json) + ");\n");
    }
  }
}
