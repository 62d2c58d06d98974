package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.acme.hostile.LargeTracesApp;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trace files that cannot be written, in a real JVM under the agent: a folder the process may not
 * write in, a folder that cannot be made because a file stands where its parent should be, and a
 * file size limit that makes writes fail half way, as a full disk does. Each time the application
 * runs as without the agent, each exporter says once where it cannot write and why, and no file is
 * left half written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageFaultsIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int FILE_SIZE_LIMIT_KB = 256;
  private static final String SAID_ONCE =
      "; those it cannot write are not written anywhere, and this is said once";
  private static final String LEFT_OUT = "; they are not written anywhere";

  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private Path readOnlyDir;
  private AgentRun.Result readOnly;
  private Path unmakeableDir;
  private AgentRun.Result unmakeable;
  private Path limitedDir;
  private AgentRun.Result limited;

  @BeforeAll
  void runApplication() throws Exception {
    Path work = Files.createTempDirectory(temp, "storage-faults");
    readOnlyDir = readOnlyFolder(work);
    if (readOnlyDir != null) {
      readOnly = application(work).jsonDir(readOnlyDir).run();
    }
    Path file = Files.writeString(work.resolve("a-file"), "not a folder");
    unmakeableDir = file.resolve("traces");
    unmakeable =
        application(work)
            .jsonDir(unmakeableDir)
            .agentArgs("packages=com.acme.hostile;exporters=json,jsonl")
            .run();
    // Runs after the others, which leave the agent's runtime jar extracted in the temporary
    // folder: extracting its megabytes under the limit would fail.
    limitedDir = work.resolve("limited");
    limited =
        application(work)
            .jsonDir(limitedDir)
            .fileSizeLimitKb(FILE_SIZE_LIMIT_KB)
            .agentArgs("packages=com.acme.hostile;exporters=json,jsonl;batch.max-batch-size=8")
            .run();
  }

  private static AgentRun application(Path work) {
    return AgentRun.of(LargeTracesApp.class, work).agentArgs("packages=com.acme.hostile");
  }

  /**
   * Returns a folder in which this process cannot create files: one made read-only by its
   * permissions, or, when they do not stop us (root ignores them), sysfs, where not even root may
   * create a file; null when there is none.
   */
  private static Path readOnlyFolder(Path work) throws IOException {
    Path folder = Files.createDirectory(work.resolve("read-only"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
    try {
      Files.delete(Files.createFile(folder.resolve("probe")));
    } catch (IOException e) {
      return folder;
    }
    Path sysfs = Path.of("/sys");
    try {
      Files.delete(Files.createFile(sysfs.resolve("weft-probe")));
      return null;
    } catch (IOException e) {
      return Files.isDirectory(sysfs) ? sysfs : null;
    }
  }

  @Test
  void aReadOnlyFolder_isSaidOnce_withTheFolderAndTheReason_andTheApplicationRunsOn() {
    // chmod 555 refuses a new file to any user but root; /sys refuses it to root too.
    assertThat(readOnly).as("a folder that refuses this process a new file").isNotNull();
    assertThat(readOnly.exitCode()).as(readOnly.describe()).isZero();
    assertThat(readOnly.stdout()).as(readOnly.describe()).contains("large 351000", "done");
    // The exporter's first write makes the folder its files are written in before they are renamed
    // into place: a folder with no write permission refuses that with EACCES, sysfs with EPERM.
    String reason =
        readOnlyDir.equals(Path.of("/sys")) ? "operation not permitted" : "permission denied";
    assertThat(problems(readOnly))
        .as(readOnly.describe())
        .containsExactly(
            "[weft] ERROR json exporter: traces cannot be written to "
                + readOnlyDir
                + " ("
                + reason
                + ")"
                + SAID_ONCE);
  }

  @Test
  void aFolderThatCannotBeMade_leavesTheFileExportersOut_sayingWhereAndWhy() {
    assertThat(unmakeable.exitCode()).as(unmakeable.describe()).isZero();
    assertThat(unmakeable.stdout()).as(unmakeable.describe()).contains("done");
    assertThat(problems(unmakeable))
        .as(unmakeable.describe())
        .containsExactly(
            "[weft] ERROR json exporter: traces cannot be written to "
                + unmakeableDir
                + " (not a directory)"
                + LEFT_OUT,
            "[weft] ERROR jsonl exporter: traces cannot be written to "
                + unmakeableDir.resolve("traces.jsonl")
                + " (not a directory)"
                + LEFT_OUT);
  }

  @Test
  void underAFileSizeLimit_theApplicationRunsOn_andEachExporterSaysItOnce() {
    assertThat(limited.exitCode()).as(limited.describe()).isZero();
    assertThat(limited.stdout()).as(limited.describe()).contains("large 351000", "done");
    assertThat(problems(limited))
        .as(limited.describe())
        .containsExactlyInAnyOrder(
            "[weft] ERROR json exporter: traces cannot be written to "
                + limitedDir
                + " (file too large)"
                + SAID_ONCE,
            "[weft] ERROR jsonl exporter: traces cannot be written to "
                + limitedDir.resolve("traces.jsonl")
                + " (file too large)"
                + SAID_ONCE);
  }

  @Test
  void underAFileSizeLimit_everyLineOfTheJsonlFileParses() throws IOException {
    Path file = limitedDir.resolve("traces.jsonl");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).as("lines written before the limit").isNotEmpty().endsWith("\n");
    assertThat(Files.size(file)).isLessThan(FILE_SIZE_LIMIT_KB * 1024L);
    for (String line : text.split("\n")) {
      assertThatCode(() -> MAPPER.readTree(line)).as(line).doesNotThrowAnyException();
    }
  }

  @Test
  void underAFileSizeLimit_theTracesThatFitAreWritten_andNoTemporaryFileIsLeft()
      throws IOException {
    assertThat(limited.traces().names()).as(limited.describe()).hasSize(12).containsOnly("small");
    try (Stream<Path> files = Files.walk(limitedDir)) {
      List<String> temporary =
          files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(".tmp")).toList();
      assertThat(temporary).isEmpty();
    }
  }

  /** Returns Weft's warnings and errors on stderr. */
  private static List<String> problems(AgentRun.Result result) {
    return result
        .stderr()
        .lines()
        .filter(line -> line.startsWith("[weft] WARN") || line.startsWith("[weft] ERROR"))
        .toList();
  }
}
