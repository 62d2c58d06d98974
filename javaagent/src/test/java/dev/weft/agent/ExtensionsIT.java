package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.agents.SupportDeskApp;
import com.acme.extension.CountingExporterProvider;
import dev.weft.export.SpanExporterProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party exporter in an extension jar is selected by name under the agent, loaded apart from
 * the application's class path, and receives the same spans as the built-in exporters; an exporter
 * name that exists nowhere is one clear line.
 */
class ExtensionsIT {
  @TempDir Path work;

  @Test
  void anExporterOfAnExtensionJar_isSelectedByName_andIsolatedFromTheApplication()
      throws Exception {
    Path jar = extensionJar(work.resolve("acme-exporter.jar"));
    Path lines = work.resolve("acme-spans.txt");
    AgentRun.Result result =
        AgentRun.of(SupportDeskApp.class, work)
            .agentArgs("exporters=json,acme-count;extensions=" + jar + ";acme.file=" + lines)
            .run();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).doesNotContain("ERROR", "WARN");
    List<String> written = Files.readAllLines(lines);
    assertThat(written).isNotEmpty();
    assertThat(written)
        .as("loaded by the extension loader, not the application's")
        .allSatisfy(line -> assertThat(line).startsWith("weft-extensions "));
    assertThat(written).anySatisfy(line -> assertThat(line).endsWith(" agent Triage"));
    assertThat(written).hasSize(spanCount(result));
  }

  @Test
  void anUnknownExporterName_isOneStderrLineNamingThoseAvailable() throws Exception {
    AgentRun.Result result =
        AgentRun.of(SupportDeskApp.class, work).agentArgs("exporters=json,acme-count").run();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    List<String> lines = result.stderr().lines().filter(line -> line.contains("WARN")).toList();
    assertThat(lines)
        .singleElement()
        .asString()
        .contains("not an exporter here")
        .contains("available: console, json, jsonl, openai, otlp, none");
    assertThat(spanCount(result)).isPositive();
  }

  private static int spanCount(AgentRun.Result result) {
    return result.traces().all().stream().mapToInt(trace -> trace.spans().size()).sum();
  }

  /** Builds the extension jar: the provider's classes and its service file, nothing else. */
  private static Path extensionJar(Path jar) throws IOException {
    Path classes = AgentRun.TEST_CLASSES;
    String packagePath = CountingExporterProvider.class.getPackageName().replace('.', '/');
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out);
        Stream<Path> files = Files.list(classes.resolve(packagePath))) {
      for (Path file : files.toList()) {
        jarOut.putNextEntry(new JarEntry(packagePath + "/" + file.getFileName()));
        jarOut.write(Files.readAllBytes(file));
        jarOut.closeEntry();
      }
      jarOut.putNextEntry(
          new JarEntry("META-INF/services/" + SpanExporterProvider.class.getName()));
      jarOut.write(
          (CountingExporterProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      jarOut.closeEntry();
    }
    return jar;
  }
}
