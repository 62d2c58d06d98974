package dev.weft.instrumentation.springai;

import dev.weft.instrumentation.api.Hook;
import dev.weft.instrumentation.api.LibraryInstrumentation;
import dev.weft.instrumentation.api.LibraryVersions;
import java.util.List;

/** Weft Spring AI instrumentation. */
public final class SpringAiInstrumentation implements LibraryInstrumentation {

  /** Creates the instrumentation. */
  public SpringAiInstrumentation() {}

  @Override
  public String name() {
    return "spring-ai";
  }

  @Override
  public LibraryVersions versions() {
    return new LibraryVersions(
        "org.springframework.ai.chat.model.ChatModel",
        "META-INF/maven/org.springframework.ai/spring-ai-model/pom.properties",
        "1.1.0",
        "3.0.0");
  }

  @Override
  public List<Hook> hooks() {
    return List.of();
  }
}
