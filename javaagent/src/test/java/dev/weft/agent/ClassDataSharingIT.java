package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.cds.ReceiptDesk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent leaves the JVM's class-data sharing alone: it adds nothing to the boot class path, so
 * the JVM neither prints its warning about an appended boot class path on the application's stderr
 * nor stops sharing the application classes of a static archive made for it ({@code -Xshare:dump}),
 * which it does as soon as the boot class path grows.
 */
class ClassDataSharingIT {
  private static final String APPENDED_WARNING =
      "Sharing is only supported for boot loader classes because bootstrap classpath has been"
          + " appended";

  /** Where the runs write; removed after the tests that pass, kept for a look after a failure. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path temp;

  private static Path work;
  private static Path appJar;

  @BeforeAll
  static void packTheApplication() throws IOException {
    work = Files.createTempDirectory(temp, "cds");
    appJar = work.resolve("receipt-desk.jar");
    Path classes = AgentRun.TEST_CLASSES;
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(appJar));
        Stream<Path> files = Files.list(classes.resolve("com/acme/cds"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        jar.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        jar.write(Files.readAllBytes(file));
        jar.closeEntry();
      }
    }
  }

  @Test
  void theDefaultArchive_isUsedWithoutAWarning() throws Exception {
    AgentRun.Result result = run(List.of("-Xshare:auto"));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout() + result.stderr()).doesNotContain(APPENDED_WARNING);
    assertThat(result.stderr()).doesNotContain("WARNING", "warning");
    assertThat(result.stdout()).contains("order-7: 21");
    assertThat(result.traces().workflow("receipt desk").span("function", "price")).isNotNull();
  }

  @Test
  void theApplicationsOwnArchive_keepsSharingItsClasses() throws Exception {
    Path classList = work.resolve("receipt-desk.classlist");
    Path archive = work.resolve("receipt-desk.jsa");
    exec(List.of(java(), "-XX:DumpLoadedClassList=" + classList, "-cp", appJar.toString(), main()));
    exec(
        List.of(
            java(),
            "-Xshare:dump",
            "-XX:SharedClassListFile=" + classList,
            "-XX:SharedArchiveFile=" + archive,
            "-cp",
            appJar.toString()));
    assertThat(archive).exists();

    AgentRun.Result result =
        run(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:stdout"));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout() + result.stderr()).doesNotContain(APPENDED_WARNING);
    assertThat(loadLine(result, "com.acme.cds.ReceiptDesk$Receipt"))
        .as("the unwoven application class comes from the archive")
        .contains("source: shared objects file");
    assertThat(loadLine(result, "com.acme.cds.ReceiptDesk"))
        .as("the woven one is defined from its transformed bytes")
        .doesNotContain("shared objects file");
    assertThat(result.traces().workflow("receipt desk").span("function", "price")).isNotNull();
  }

  private static void exec(List<String> command) throws Exception {
    Process process = AgentRun.start(command);
    assertThat(process.waitFor()).as(AgentRun.errorsOf(process)).isZero();
  }

  private static String main() {
    return ReceiptDesk.class.getName();
  }

  private static AgentRun.Result run(List<String> jvmArgs) throws Exception {
    Path traces = Files.createTempDirectory(work, "traces");
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmArgs);
    command.add("-javaagent:" + AgentRun.AGENT_JAR + "=json.dir=" + traces);
    command.add("-cp");
    command.add(appJar.toString());
    command.add(main());
    return AgentRun.Result.of(AgentRun.start(command), traces);
  }

  private static String loadLine(AgentRun.Result result, String className) {
    return result
        .stdout()
        .lines()
        .filter(line -> line.contains("[class,load] " + className + " "))
        .findFirst()
        .orElse("(" + className + " was not loaded)");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
