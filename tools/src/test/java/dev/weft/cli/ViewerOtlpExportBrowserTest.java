package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.SpanRecord;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.export.otlp.OtlpJson;
import dev.weft.fixtures.EverySpanTypeRun;
import dev.weft.tracefile.TraceFile;
import dev.weft.tracefile.TraceFiles;
import dev.weft.viewer.Chromium;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer's OTLP download, in a real headless Chromium, against the Java mapping of {@code
 * export --otlp} (which is the otlp exporter's): the same trace both ways decodes with the official
 * protobuf parser into the same request, span names, ids, parents, times, attributes and events.
 */
class ViewerOtlpExportBrowserTest {
  /** Records what the page downloads: the blob behind each link it clicks, and the file name. */
  private static final String CAPTURE_DOWNLOADS =
      "window.weftDownloads = [];"
          + "const make = URL.createObjectURL;"
          + "URL.createObjectURL = (blob) => { const url = make(blob);"
          + "  window.weftDownloads.push({ url, blob }); return url; };"
          + "const click = HTMLAnchorElement.prototype.click;"
          + "HTMLAnchorElement.prototype.click = function () {"
          + "  const d = window.weftDownloads.find((x) => x.url === this.href);"
          + "  if (d) d.name = this.download;"
          + "  return click.call(this); };";

  @RegisterExtension static final Chromium chromium = Chromium.perTestClass();

  @TempDir Path dir;
  private Path traces;
  private String traceId;
  private TraceFile file;

  /** A run with one span of every type, written by the json exporter with its viewer. */
  @BeforeEach
  void recordARun() throws IOException {
    traces = Files.createDirectories(dir.resolve("traces"));
    Tracing.configure(WeftConfig.load("exporters=json;json.dir=" + traces));
    traceId = EverySpanTypeRun.run("hello <b>world</b> \"quoted\" ünïcode");
    Tracing.shutdown();
    Tracing.configure(WeftConfig.load("exporters=none"));
    file = TraceFiles.read(traces.resolve(traceId + ".json"));
  }

  @Test
  void exportOfATrace_isTheRequestTheJavaMappingWrites() throws Exception {
    chromium.open(traces.resolve("index.html"), "trace=" + traceId);
    chromium.waitForTrace(traceId);
    chromium.js(CAPTURE_DOWNLOADS);

    chromium.byTestId("export-otlp").click();

    assertThat(downloadName()).isEqualTo(traceId + ".otlp.json");
    ExportTraceServiceRequest fromViewer = OtlpJsonFiles.parse(download());
    ExportTraceServiceRequest fromJava = OtlpJsonFiles.parse(OtlpJson.request(file.spans()));
    // Every span of the file, and the trace's own invoke_workflow span above the top ones.
    assertThat(OtlpJsonFiles.spans(fromViewer)).hasSize(file.spans().size() + 1);
    assertThat(OtlpJsonFiles.spans(fromViewer).get(file.spans().size()).getName())
        .startsWith("invoke_workflow ");
    assertThat(fromViewer).isEqualTo(fromJava);
  }

  @Test
  void exportOfASpan_holdsItAndTheSpansUnderIt() throws Exception {
    SpanRecord turn =
        file.spans().stream().filter(s -> s.data().type().equals("turn")).findFirst().orElseThrow();
    chromium.open(traces.resolve("index.html"), "trace=" + traceId + "&span=" + turn.spanId());
    chromium.waitForTrace(traceId);
    chromium.js(CAPTURE_DOWNLOADS);

    chromium.byTestId("export-otlp-span").click();

    assertThat(downloadName()).isEqualTo(traceId + "-" + turn.spanId() + ".otlp.json");
    ExportTraceServiceRequest fromJava =
        OtlpJsonFiles.parse(OtlpJson.request(subtree(file.spans(), turn)));
    ExportTraceServiceRequest fromViewer = OtlpJsonFiles.parse(download());
    assertThat(OtlpJsonFiles.spans(fromViewer))
        .extracting(s -> s.getName())
        .contains("turn 1", "chat gpt-test", "execute_tool lookup", "mcp_tools files")
        .doesNotContain("invoke_agent Orchestrator", "guardrail_check no_secrets");
    assertThat(fromViewer).isEqualTo(fromJava);
  }

  private static List<SpanRecord> subtree(List<SpanRecord> spans, SpanRecord top) {
    Set<String> inside = new HashSet<>(Set.of(top.spanId()));
    boolean grew = true;
    while (grew) {
      grew = false;
      for (SpanRecord s : spans) {
        if (s.parentId() != null && inside.contains(s.parentId()) && inside.add(s.spanId())) {
          grew = true;
        }
      }
    }
    return spans.stream().filter(s -> inside.contains(s.spanId())).toList();
  }

  private String download() {
    chromium.waitFor(() -> (Long) chromium.js("return window.weftDownloads.length") == 1L);
    return (String) chromium.js("return window.weftDownloads[0].blob.text()");
  }

  private String downloadName() {
    chromium.waitFor(() -> (Long) chromium.js("return window.weftDownloads.length") == 1L);
    return (String) chromium.js("return window.weftDownloads[0].name");
  }
}
