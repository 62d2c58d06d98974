package dev.weft.instrumentation.openai;

import dev.weft.instrumentation.api.Hook;
import dev.weft.instrumentation.api.LibraryInstrumentation;
import dev.weft.instrumentation.api.LibraryVersions;
import java.util.List;

/** Weft openai-java instrumentation. */
public final class OpenAiJavaInstrumentation implements LibraryInstrumentation {

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
    return List.of();
  }
}
