package dev.weft.instrumentation.openai;

import dev.weft.instrumentation.api.Hook;
import dev.weft.instrumentation.api.LibraryInstrumentation;
import dev.weft.instrumentation.api.LibraryVersions;
import java.util.List;

/**
 * The official OpenAI Java SDK ({@code com.openai:openai-java}) 2.x to 4.x: every chat completion
 * becomes a {@code generation} span and every Responses API call a {@code response} span, on the
 * blocking and the asynchronous client, streamed or not.
 *
 * <p>The hooks sit on the services' {@code create} and {@code createStreaming} methods that take
 * the request options: the interfaces' shorter overloads and the structured-output variants all
 * call them, and they call the raw-response layer once per request, so each request is one span.
 * openai-java's jars carry no Maven {@code pom.properties}; the marker class alone then tells the
 * agent the library is there.
 */
public final class OpenAiJavaInstrumentation implements LibraryInstrumentation {
  private static final String OPTIONS = "com.openai.core.RequestOptions";
  private static final String CHAT_PARAMS =
      "com.openai.models.chat.completions.ChatCompletionCreateParams";
  private static final String RESPONSE_PARAMS = "com.openai.models.responses.ResponseCreateParams";

  /** Creates the instrumentation. */
  public OpenAiJavaInstrumentation() {}

  @Override
  public String name() {
    return "openai-java";
  }

  @Override
  public LibraryVersions versions() {
    return new LibraryVersions(
        "com.openai.client.OpenAIClient",
        "META-INF/maven/com.openai/openai-java-core/pom.properties",
        "2.0.0",
        "5.0.0");
  }

  @Override
  public List<Hook> hooks() {
    return List.of(
        requests("com.openai.services.blocking.chat.ChatCompletionServiceImpl", CHAT_PARAMS),
        streams("com.openai.services.blocking.chat.ChatCompletionServiceImpl", CHAT_PARAMS),
        requests("com.openai.services.async.chat.ChatCompletionServiceAsyncImpl", CHAT_PARAMS),
        streams("com.openai.services.async.chat.ChatCompletionServiceAsyncImpl", CHAT_PARAMS),
        requests("com.openai.services.blocking.ResponseServiceImpl", RESPONSE_PARAMS),
        streams("com.openai.services.blocking.ResponseServiceImpl", RESPONSE_PARAMS),
        requests("com.openai.services.async.ResponseServiceAsyncImpl", RESPONSE_PARAMS),
        streams("com.openai.services.async.ResponseServiceAsyncImpl", RESPONSE_PARAMS));
  }

  private static Hook requests(String service, String params) {
    return Hook.method(service, "create", List.of(params, OPTIONS), Advice.Request.class);
  }

  private static Hook streams(String service, String params) {
    return Hook.method(
        service, "createStreaming", List.of(params, OPTIONS), Advice.StreamingRequest.class);
  }
}
