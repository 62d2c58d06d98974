package dev.weft.capture;

import static org.assertj.core.api.Assertions.assertThat;

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
}
