package dev.weft.export.openai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code span_data} keys each span type must have on the wire (docs/formats.md), with the
 * changes of the ingest exporter ({@code usage} only on generations), and the key sets the
 * reference SDK was seen sending (its captured payloads), which must all be among them.
 */
final class ContractKeys {
  /** Keys in order, by {@code type} or {@code type:name}. */
  static final Map<String, List<String>> SPAN_DATA = new LinkedHashMap<>();

  /** Keys the reference SDK sent for the same type, in any order. */
  static final Map<String, List<String>> REFERENCE = new LinkedHashMap<>();

  static {
    SPAN_DATA.put("agent", List.of("type", "name", "handoffs", "tools", "output_type"));
    SPAN_DATA.put("function:lookup", List.of("type", "name", "input", "output", "mcp_data"));
    SPAN_DATA.put(
        "generation", List.of("type", "input", "output", "model", "model_config", "usage"));
    SPAN_DATA.put("response", List.of("type", "response_id"));
    SPAN_DATA.put("handoff", List.of("type", "from_agent", "to_agent"));
    SPAN_DATA.put("custom:load", List.of("type", "name", "data"));
    SPAN_DATA.put("guardrail", List.of("type", "name", "triggered"));
    SPAN_DATA.put("transcription", List.of("type", "input", "output", "model", "model_config"));
    SPAN_DATA.put(
        "speech", List.of("type", "input", "output", "model", "model_config", "first_content_at"));
    SPAN_DATA.put("speech_group", List.of("type", "input"));
    SPAN_DATA.put("mcp_tools", List.of("type", "server", "result"));
    SPAN_DATA.put("custom:task", List.of("type", "name", "data"));
    SPAN_DATA.put("custom:turn", List.of("type", "name", "data"));

    REFERENCE.put("agent", List.of("type", "name", "handoffs", "tools", "output_type"));
    REFERENCE.put("function:lookup", List.of("type", "input", "output", "name"));
    REFERENCE.put(
        "generation", List.of("type", "model", "model_config", "input", "output", "usage"));
    REFERENCE.put("response", List.of("type", "response_id"));
    REFERENCE.put("handoff", List.of("type", "from_agent", "to_agent"));
    REFERENCE.put("custom:load", List.of("type", "data", "name"));
    REFERENCE.put("guardrail", List.of("type", "triggered", "name"));
    REFERENCE.put("custom:task", List.of("type", "name", "data"));
    REFERENCE.put("custom:turn", List.of("type", "name", "data"));
  }

  private ContractKeys() {}
}
