package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.config.MethodRule;
import dev.weft.data.SpanData;
import dev.weft.data.SpanType;
import dev.weft.tracefile.TraceFile;
import dev.weft.tracefile.TraceFiles;
import dev.weft.tracefile.TraceJson;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every span type of the registry is known to each part that handles types by name: the data model,
 * {@code weft.methods}, the trace-file writer and reader, and the viewer. (The engine, the aspect
 * and the OTLP mapping are checked in their own modules.)
 */
class SpanTypeRegistryTest {

  @Test
  void theRegistry_isExactlyTheDataModel() {
    List<Class<?>> registered =
        Arrays.stream(SpanType.values()).<Class<?>>map(SpanType::dataClass).toList();
    assertThat(registered).containsExactlyInAnyOrder(SpanData.class.getPermittedSubclasses());
  }

  @ParameterizedTest
  @EnumSource(SpanType.class)
  void eachType_isNamedByItsData_acceptedByRules_andRoundTripsThroughATraceFile(SpanType type)
      throws Exception {
    SpanData data = emptyInstance(type.dataClass());
    assertThat(data.type()).isEqualTo(type.typeName());
    assertThat(SpanType.of(data)).isSameAs(type);
    assertThat(SpanType.named(type.typeName())).isSameAs(type);
    assertThat(MethodRule.SPAN_TYPES).contains(type.typeName());

    TraceRecord trace = new TraceRecord("trace_" + "0".repeat(31) + "1", "wf", null, null, 1, 3);
    SpanRecord span =
        SpanRecord.of(trace, "span_" + "0".repeat(23) + "1", null, 1, 2, data, null, null);
    String text = TraceJson.traceFileToString(trace, List.of(span));
    assertThat(text).contains("\"type\":\"" + type.exportedTypeName() + "\"");
    TraceFile read = TraceFiles.parse(text);
    assertThat(read.spans()).singleElement().satisfies(s -> assertThat(s.data()).isEqualTo(data));
  }

  @ParameterizedTest
  @EnumSource(SpanType.class)
  void eachType_isKnownToTheViewer(SpanType type) throws IOException {
    String model;
    try (InputStream in = dev.weft.viewer.TraceFolderViewer.class.getResourceAsStream("model.js")) {
      model = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String known = model.substring(model.indexOf("KNOWN_TYPES"), model.indexOf("];"));
    assertThat(known).contains("'" + type.typeName() + "'");
  }

  /** A record of the type with every component empty: null, zero or false. */
  private static SpanData emptyInstance(Class<? extends SpanData> type) throws Exception {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types =
        Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
    Object[] values = new Object[components.length];
    for (int i = 0; i < types.length; i++) {
      if (types[i] == int.class || types[i] == long.class) {
        values[i] = types[i] == int.class ? (Object) 0 : (Object) 0L;
      } else if (types[i] == boolean.class) {
        values[i] = false;
      } else if (types[i] == String.class) {
        values[i] = "x";
      }
    }
    Constructor<? extends SpanData> constructor = type.getDeclaredConstructor(types);
    return constructor.newInstance(values);
  }
}
