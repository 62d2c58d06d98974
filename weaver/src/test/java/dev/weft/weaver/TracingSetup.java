package dev.weft.weaver;

import dev.weft.Tracing;
import dev.weft.config.WeftConfig;

/** Configures the global tracer for one test with a recording processor. */
final class TracingSetup {
  private TracingSetup() {}

  static RecordingProcessor configure(String agentArgs) {
    Tracing.configure(WeftConfig.load("exporters=none;" + agentArgs));
    RecordingProcessor recorder = new RecordingProcessor();
    Tracing.setProcessors(recorder);
    return recorder;
  }
}
