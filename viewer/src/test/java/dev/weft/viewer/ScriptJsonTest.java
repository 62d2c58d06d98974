package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

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
  void wrapEscaped_givesTheBytesOfEscapeBetweenPrefixAndSuffix() {
    String[] texts = {
      "{\"a\":\"</script><!-- & \u2028\u2029\"}",
      "{\"a\":[1,2,\"b\"]}",
      "{\"é\":\"\u20ac \u2027\u202a ✓ <\u2028>\"}",
      "",
    };
    for (String json : texts) {
      byte[] wrapped =
          ScriptJson.wrapEscaped(
              "weft.trace(", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), ");\n");

      assertThat(new String(wrapped, java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("weft.trace(" + ScriptJson.escape(json) + ");\n");
    }
  }
}
