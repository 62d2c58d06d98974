package com.acme.extension;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.config.WeftConfig;
import dev.weft.export.SpanExporterProvider;
import dev.weft.processor.SpanExporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A third party's exporter, shipped in an extension jar: writes one line per span, with the name of
 * the class loader it was loaded by, into the file named by {@code weft.acme.file}.
 */
public final class CountingExporterProvider implements SpanExporterProvider {
  @Override
  public String name() {
    return "acme-count";
  }

  @Override
  public java.util.Set<String> keys() {
    return java.util.Set.of("weft.acme.file");
  }

  @Override
  public SpanExporter create(WeftConfig config) {
    Path file = config.getPath("weft.acme.file", Path.of("acme-spans.txt"));
    String loader = String.valueOf(CountingExporterProvider.class.getClassLoader().getName());
    return new SpanExporter() {
      @Override
      public void export(List<TraceRecord> traces, List<SpanRecord> spans) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (SpanRecord span : spans) {
          lines
              .append(loader)
              .append(' ')
              .append(span.trace().workflowName())
              .append(' ')
              .append(span.data().type())
              .append(' ')
              .append(span.data().displayName())
              .append('\n');
        }
        Files.writeString(
            file,
            lines,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      }
    };
  }
}
