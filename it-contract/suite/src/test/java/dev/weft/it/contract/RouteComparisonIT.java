package dev.weft.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The three weaving routes write the same traces, apart from ids and times; and a method woven by
 * AspectJ and the Weft agent at once still yields one span per call.
 */
class RouteComparisonIT {
  @ParameterizedTest
  @ValueSource(strings = {"", ContractRuns.NO_SENSITIVE})
  void compileTimeWeaving_writesTheSameTracesAsTheAgent(String variant) throws Exception {
    assertThat(normalised(ContractRuns.COMPILE_TIME + variant))
        .isEqualTo(normalised(ContractRuns.AGENT + variant));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ContractRuns.NO_SENSITIVE})
  void loadTimeWeaving_writesTheSameTracesAsTheAgent(String variant) throws Exception {
    assertThat(normalised(ContractRuns.LOAD_TIME + variant))
        .isEqualTo(normalised(ContractRuns.AGENT + variant));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ContractRuns.NO_SENSITIVE})
  void loadTimeWeaving_writesTheSameTracesAsCompileTimeWeaving(String variant) throws Exception {
    assertThat(normalised(ContractRuns.LOAD_TIME + variant))
        .isEqualTo(normalised(ContractRuns.COMPILE_TIME + variant));
  }

  @Test
  void wovenByAspectjAndAgent_yieldsOneSpanPerCall() throws Exception {
    TraceSet both = ContractRuns.traces(ContractRuns.DOUBLE);
    TraceSet agentOnly = ContractRuns.traces(ContractRuns.AGENT);

    assertThat(both.allSpans()).hasSameSizeAs(agentOnly.allSpans());
    assertThat(normalised(ContractRuns.DOUBLE)).isEqualTo(normalised(ContractRuns.AGENT));
    assertThat(ContractRuns.get(ContractRuns.DOUBLE).checks())
        .hasSize(8)
        .allMatch(line -> line.startsWith("check ok"));
  }

  private static String normalised(String run) throws Exception {
    String normalised = ContractRuns.traces(run).normalised();
    // Kept next to the run, so a failed comparison can be read with any diff tool.
    Files.writeString(ContractRuns.get(run).traceDir.resolveSibling("normalised.json"), normalised);
    return normalised;
  }
}
