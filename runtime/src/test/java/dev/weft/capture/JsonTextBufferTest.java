package dev.weft.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonTextBufferTest {

  @Test
  void appends_growPastTheInitialCapacity_keepingEverything() {
    JsonTextBuffer buffer = new JsonTextBuffer(1);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      String piece = "piece" + i;
      buffer.append('[').append(piece).appendQuoted(piece).append(piece, 1, 3).append(']');
      expected.append('[').append(piece).append('"').append(piece).append('"');
      expected.append(piece, 1, 3).append(']');
    }

    assertThat(buffer.toString()).isEqualTo(expected.toString());
  }

  @Test
  void keepsCharactersBeyondLatin1() {
    JsonTextBuffer buffer = new JsonTextBuffer(4);
    buffer.appendQuoted("\u4e2d\u6587 \uD83D\uDE00").append('\u00e9');

    assertThat(buffer.toString()).isEqualTo("\"\u4e2d\u6587 \uD83D\uDE00\"\u00e9");
  }
}
