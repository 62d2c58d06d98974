package dev.weft.instrumentation.openai;

import dev.weft.data.ResponseSpanData;
import dev.weft.data.Usage;
import java.util.Map;

/**
 * The Responses API as a {@code response} span, as the OpenAI Agents SDK records a model call: the
 * response id and the token usage. The model is kept as the span's {@code model} metadata.
 */
final class Responses {
  private Responses() {}

  /** Returns the response id of a response object, or null. */
  static String id(Map<String, Object> response) {
    return Json.textAt(response, "id");
  }

  /** Returns the token usage of a response object, or null. */
  static Usage usage(Map<String, Object> response) {
    return Usages.of(
        Json.objectAt(response, "usage"),
        "input_tokens",
        "output_tokens",
        "input_tokens_details",
        "output_tokens_details");
  }

  /** Returns the span data for a response object. */
  static ResponseSpanData completed(Map<String, Object> response) {
    return new ResponseSpanData(id(response), usage(response));
  }

  /** Returns the error message a failed response carries, or null. */
  static String error(Map<String, Object> response) {
    if (response == null) {
      return null;
    }
    String message = Json.textAt(response, "error", "message");
    if (message == null && "failed".equals(Json.textAt(response, "status"))) {
      return "the response failed";
    }
    return message;
  }

  /**
   * Returns the response object a stream event carries, {@code response.created}, {@code
   * response.completed}, {@code response.failed} or {@code response.incomplete}; else null.
   */
  static Map<String, Object> ofEvent(Map<String, Object> event) {
    String type = Json.textAt(event, "type");
    return type != null && type.startsWith("response.") ? Json.objectAt(event, "response") : null;
  }
}
