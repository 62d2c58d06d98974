package dev.weft.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every Java snippet of docs/testing.md compiles against the kit as published. */
class DocsSnippetsTest {
  private static final Path DOC = Path.of("..", "docs", "testing.md");
  private static final Pattern JAVA = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CLASS = Pattern.compile("\\bclass (\\w+)");

  @Test
  void everyJavaSnippet_compiles(@TempDir Path dir) throws Exception {
    List<String> snippets = new ArrayList<>();
    Matcher matcher = JAVA.matcher(Files.readString(DOC, StandardCharsets.UTF_8));
    while (matcher.find()) {
      snippets.add(matcher.group(1));
    }
    assertThat(snippets).hasSizeGreaterThanOrEqualTo(3);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    for (String snippet : snippets) {
      Matcher name = CLASS.matcher(snippet);
      assertThat(name.find()).as(snippet).isTrue();
      Path source = dir.resolve(name.group(1) + ".java");
      Files.writeString(source, snippet, StandardCharsets.UTF_8);
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      int status =
          javac.run(
              null,
              null,
              errors,
              "-d",
              dir.resolve("classes").toString(),
              "-cp",
              System.getProperty("java.class.path"),
              source.toString());
      assertThat(status).as(snippet + "\n" + errors.toString(StandardCharsets.UTF_8)).isZero();
    }
  }
}
