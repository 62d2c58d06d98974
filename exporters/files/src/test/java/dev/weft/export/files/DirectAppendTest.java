package dev.weft.export.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectAppendTest {
  @TempDir Path dir;

  @Test
  void wholeBlocksAreAppended_andAWriteTheDiskRefuses_writesNothing_soTheCallerCanWriteItElsewhere()
      throws Exception {
    Path file = Files.createFile(dir.resolve("out"));
    try (DirectAppend direct = DirectAppend.open(file)) {
      assertThat(direct).as("this file system takes direct writes").isNotNull();
      int block = direct.block();
      byte[] blocks = new byte[2 * block];
      Arrays.fill(blocks, (byte) 'a');
      ByteBuffer whole = ByteBuffer.wrap(blocks);
      assertThat(direct.write(whole)).isTrue();
      assertThat(whole.hasRemaining()).isFalse();
      assertThat(Files.readAllBytes(file)).isEqualTo(blocks);

      ByteBuffer partOfABlock = ByteBuffer.wrap("{}\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(direct.write(partOfABlock)).isFalse();
      assertThat(partOfABlock.position()).isZero();
      assertThat(Files.size(file)).isEqualTo(2L * block);

      direct.refusedThenWritten();
      assertThat(direct.write(ByteBuffer.wrap(blocks))).as("not tried again").isFalse();
      assertThat(Files.size(file)).isEqualTo(2L * block);
    }
  }

  @Test
  void paddingBringsTheFileEndToTheNextBlockBoundary() throws Exception {
    Path file = Files.createFile(dir.resolve("out"));
    try (DirectAppend direct = DirectAppend.open(file)) {
      int block = direct.block();
      assertThat(direct.paddingAfter(0, block)).isZero();
      assertThat(direct.paddingAfter(0, 1)).isEqualTo(block - 1);
      assertThat(direct.paddingAfter(block - 3, 1)).isEqualTo(2);
      assertThat(direct.paddingAfter(5L * block + 10, 3 * block)).isEqualTo(block - 10);
    }
  }

  @Test
  void whatIsNotARegularFile_isNotOpenedForDirectWrites() {
    assertThat(DirectAppend.open(dir)).isNull();
    assertThat(DirectAppend.open(dir.resolve("missing"))).isNull();
  }
}
