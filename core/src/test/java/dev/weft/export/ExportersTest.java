package dev.weft.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.SystemProperties;
import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;
import dev.weft.processor.BatchTraceProcessor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportersTest {
  @TempDir Path dir;

  @Test
  void processorsFor_json_isABatchProcessorWritingIntoTheJsonFolder() throws Exception {
    try (SystemProperties props =
        new SystemProperties().set("weft.exporters", "json").set("weft.json.dir", dir.toString())) {
      List<TracingProcessor> processors = Exporters.processorsFor(WeftConfig.load(null));
      assertThat(processors).singleElement().isInstanceOf(BatchTraceProcessor.class);
      processors.forEach(TracingProcessor::shutdown);
    }
  }

  @Test
  void processorsFor_noneOrAnExporterNotInThisBuild_isEmpty() {
    try (SystemProperties props = new SystemProperties().set("weft.exporters", "none")) {
      assertThat(Exporters.processorsFor(WeftConfig.load(null))).isEmpty();
      props.set("weft.exporters", "otlp");
      assertThat(Exporters.processorsFor(WeftConfig.load(null))).isEmpty();
    }
  }

  @Test
  void processorsFor_anExporterThatCannotStart_isLeftOut_andTheOthersStart() throws Exception {
    Path notADirectory = dir.resolve("file");
    java.nio.file.Files.writeString(notADirectory, "x");
    try (SystemProperties props =
        new SystemProperties()
            .set("weft.exporters", "json,console")
            .set("weft.json.dir", notADirectory.toString())) {
      List<TracingProcessor> processors = Exporters.processorsFor(WeftConfig.load(null));
      assertThat(processors).hasSize(1);
    }
  }
}
