package dev.weft.export.otlp;

import java.util.Locale;

/**
 * Names the provider of a model for {@code gen_ai.provider.name}, with the conventions' values,
 * from the model's name: Weft's spans record the model, not who serves it. A {@code provider/}
 * prefix (as routers write it) is taken as it is; otherwise the well-known name families decide.
 * Null when the name says nothing certain (an open-weight model such as Llama is served by many).
 */
final class GenAiProviders {
  private GenAiProviders() {}

  static String of(String model) {
    if (model == null || model.isBlank()) {
      return null;
    }
    String name = model.strip().toLowerCase(Locale.ROOT);
    int slash = name.indexOf('/');
    if (slash > 0) {
      String prefix = name.substring(0, slash);
      String known = family(prefix);
      return known != null ? known : prefix;
    }
    return family(name);
  }

  private static String family(String name) {
    if (name.startsWith("gpt-")
        || name.startsWith("chatgpt")
        || name.matches("o[1-9](-.*)?")
        || name.startsWith("text-embedding")
        || name.startsWith("dall-e")
        || name.startsWith("whisper")
        || name.startsWith("tts-")
        || name.startsWith("codex")
        || name.equals("openai")) {
      return "openai";
    }
    if (name.startsWith("claude") || name.equals("anthropic")) {
      return "anthropic";
    }
    if (name.startsWith("gemini") || name.equals("google")) {
      return "gcp.gemini";
    }
    if (name.startsWith("mistral")
        || name.startsWith("mixtral")
        || name.startsWith("codestral")
        || name.startsWith("ministral")
        || name.startsWith("magistral")
        || name.startsWith("pixtral")
        || name.startsWith("devstral")
        || name.equals("mistralai")) {
      return "mistral_ai";
    }
    if (name.startsWith("deepseek")) {
      return "deepseek";
    }
    if (name.startsWith("grok") || name.equals("xai") || name.equals("x-ai")) {
      return "x_ai";
    }
    if (name.startsWith("command") || name.equals("cohere")) {
      return "cohere";
    }
    return null;
  }
}
