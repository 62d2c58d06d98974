package dev.weft.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StringsTest {

  @Test
  void withoutBrokenSurrogates_validText_isSameInstance() {
    String text = "emoji \uD83D\uDE00 ok";
    assertThat(Strings.withoutBrokenSurrogates(text)).isSameAs(text);
  }

  @Test
  void withoutBrokenSurrogates_loneHighOrLow_isReplaced() {
    assertThat(Strings.withoutBrokenSurrogates("a\uD83Db\uDE00c\uD83D"))
        .isEqualTo("a\uFFFDb\uFFFDc\uFFFD");
  }

  @Test
  void withoutBrokenSurrogates_keepsValidPairsAroundBrokenOnes() {
    assertThat(Strings.withoutBrokenSurrogates("\uDE00\uD83D\uDE00"))
        .isEqualTo("\uFFFD\uD83D\uDE00");
  }

  @Test
  void isPlain_ordinaryText_isPlain() {
    assertThat(Strings.isPlain("What is the weather in Paris tomorrow?", true)).isTrue();
    assertThat(Strings.isPlain("caf\u00e9 \u4e2d\u6587", true)).isTrue();
    assertThat(Strings.isPlain("", true)).isTrue();
  }

  @Test
  void isPlain_whatJsonEscapes_isPlainOnlyOutsideJson() {
    for (String text : List.of("say \"hi\"", "a\\b", "line\nbreak", "tab\t", "\u0001")) {
      assertThat(Strings.isPlain(text, true)).as(text).isFalse();
      assertThat(Strings.isPlain(text, false)).as(text).isTrue();
    }
    assertThat(Strings.isPlain("a\u2028b", false)).isFalse();
    assertThat(Strings.isPlain("a\u2029b", false)).isFalse();
  }

  @Test
  void isPlain_surrogates_areNotPlain() {
    assertThat(Strings.isPlain("emoji \uD83D\uDE00", false)).isFalse();
    assertThat(Strings.isPlain("lone \uD83D", false)).isFalse();
  }

  @Test
  void isPlain_whereASecretCouldStart_isNotPlain() {
    assertThat(Strings.isPlain("key sk-abcdefghijklmnopqrstu", false)).isFalse();
    assertThat(Strings.isPlain("Authorization: Bearer abcdefgh", false)).isFalse();
    assertThat(Strings.isPlain("eyJhbGciOiJIUzI1NiJ9.x.y", false)).isFalse();
    assertThat(Strings.isPlain("short sk-1", false)).isTrue();
  }

  @Test
  void isPlain_whenTrue_rendersAndEscapesToTheTextItself_overRandomText() {
    ValueRenderer renderer = ValueRenderer.defaults();
    String[] pieces = {
      "a",
      "e",
      "s",
      "k",
      "-",
      "B",
      "earer ",
      "A",
      "KIA",
      "Iza",
      "gh",
      "p_",
      "x",
      "ox",
      "b-",
      "yJ",
      "J",
      ".",
      "_",
      "0123456789",
      "ABCDEFGHIJKLMNOP",
      "\"",
      "\\",
      "\n",
      " ",
      "\u00e9",
      "\uD83D",
      "\uDE00",
      "\u2028",
      "sk-",
      "xoxb-",
      "ghp_",
      "AKIA",
      "AIza",
      "eyJ"
    };
    SplittableRandom random = new SplittableRandom(42);
    int plain = 0;
    for (int round = 0; round < 50_000; round++) {
      StringBuilder text = new StringBuilder();
      int count = random.nextInt(1, 30);
      for (int i = 0; i < count; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = text.toString();
      String worked = renderer.redact(Strings.withoutBrokenSurrogates(s));
      if (Strings.isPlain(s, false)) {
        plain++;
        assertThat(worked).as(s).isEqualTo(s);
      }
      if (Strings.isPlain(s, true)) {
        JsonTextBuffer json = new JsonTextBuffer(16);
        JsonText.appendString(json, worked);
        assertThat(json.toString()).as(s).isEqualTo('"' + s + '"');
      }
    }
    assertThat(plain).isPositive();
  }
}
