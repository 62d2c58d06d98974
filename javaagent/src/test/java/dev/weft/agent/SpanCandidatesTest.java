package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.agents.OrderTools;
import com.acme.agents.ResearchAgent;
import com.acme.agents.WeatherService;
import com.acme.plain.CheckStep;
import com.acme.plain.PlainExtension;
import com.acme.plain.PlainTools;
import dev.weft.config.MethodRule;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanCandidatesTest {
  private final SpanCandidates annotations =
      new SpanCandidates(new SpanMatchers(List.of(), List.of()));

  @Test
  void aClassNamingASpanAnnotation_orInheritingOne_mayHoldSpanMethods() throws IOException {
    ClassLoader loader = getClass().getClassLoader();

    assertThat(mayHold(annotations, loader, OrderTools.class)).isTrue();
    // Annotated in an interface, an abstract superclass: found through the supertypes' files.
    assertThat(mayHold(annotations, loader, WeatherService.class)).isTrue();
    assertThat(mayHold(annotations, loader, ResearchAgent.class)).isTrue();
  }

  @Test
  void aClassWithNoSpanAnnotationInItsHierarchy_isTurnedAwayBeforeItIsDescribed()
      throws IOException {
    ClassLoader loader = getClass().getClassLoader();

    assertThat(mayHold(annotations, loader, PlainTools.class)).isFalse();
    assertThat(mayHold(annotations, loader, CheckStep.class)).isFalse();
    assertThat(mayHold(annotations, loader, String.class)).isFalse();
  }

  @Test
  void typesNamedByARule_andTheirSubtypes_mayHoldSpanMethods() throws IOException {
    SpanCandidates rules =
        new SpanCandidates(
            new SpanMatchers(List.of(MethodRule.parse("com.acme.plain.Step[*]@task")), List.of()));
    ClassLoader loader = getClass().getClassLoader();

    assertThat(rules.mayHoldSpanMethods(loader, "com/acme/plain/Step", classFile(Object.class)))
        .isTrue();
    assertThat(mayHold(rules, loader, CheckStep.class)).isTrue();
    assertThat(mayHold(rules, loader, PlainTools.class)).isFalse();
  }

  @Test
  void aSupertypeIsReadOnce_andAClassAlreadySeenIsNotReadAgainAsASupertype() throws IOException {
    CountingLoader loader = new CountingLoader(getClass().getClassLoader());

    assertThat(mayHold(annotations, loader, WeatherService.class)).isTrue();
    assertThat(mayHold(annotations, loader, WeatherService.class)).isTrue();
    assertThat(loader.reads).containsExactly("com/acme/agents/WeatherTool.class");

    // BaseAgent seen as a class of its own first: ResearchAgent's check reads nothing more.
    assertThat(mayHold(annotations, loader, com.acme.agents.BaseAgent.class)).isTrue();
    assertThat(mayHold(annotations, loader, ResearchAgent.class)).isTrue();
    assertThat(loader.reads).hasSize(1);
  }

  @Test
  void aLibrarySupertypeIsNeverRead() throws IOException {
    CountingLoader loader = new CountingLoader(getClass().getClassLoader());

    // Library classes themselves are turned away by name before this check (SpanMatchersTest).
    assertThat(mayHold(annotations, loader, PlainExtension.class)).isFalse();
    assertThat(loader.reads).isEmpty();
  }

  @Test
  void withMethodRules_libraryClassesAreReadAsAnyOther() throws IOException {
    SpanCandidates rules =
        new SpanCandidates(
            new SpanMatchers(List.of(MethodRule.parse("com.acme.plain.Step[*]@task")), List.of()));
    CountingLoader loader = new CountingLoader(getClass().getClassLoader());

    assertThat(
            rules.mayHoldSpanMethods(
                loader, "org/springframework/ai/Fake", classFile(OrderTools.class)))
        .isTrue();
    assertThat(mayHold(rules, loader, PlainExtension.class)).isFalse();
    assertThat(loader.reads).containsExactly("org/junit/jupiter/api/extension/Extension.class");
  }

  @Test
  void theByteSearch_findsThePackageAnywhereInTheFile_andNothingElse() {
    byte[] named = "xxLdev/weft/annotations/ToolSpan;".getBytes();
    byte[] cut = "xxLdev/weft/annotations".getBytes();
    byte[] other = "Ldev/weft/annotationz/ToolSpan;".getBytes();

    assertThat(SpanCandidates.mentionsSpanAnnotations(named)).isTrue();
    assertThat(SpanCandidates.mentionsSpanAnnotations(cut)).isFalse();
    assertThat(SpanCandidates.mentionsSpanAnnotations(other)).isFalse();
    assertThat(SpanCandidates.mentionsSpanAnnotations(new byte[0])).isFalse();
  }

  private static boolean mayHold(SpanCandidates candidates, ClassLoader loader, Class<?> type)
      throws IOException {
    return candidates.mayHoldSpanMethods(loader, type.getName().replace('.', '/'), classFile(type));
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    ClassLoader loader = type.getClassLoader();
    try (InputStream in =
        loader == null
            ? ClassLoader.getSystemResourceAsStream(resource)
            : loader.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  /** Delegates everything, and lists the class files it is asked for (streams go through here). */
  private static final class CountingLoader extends URLClassLoader {
    final List<String> reads = new ArrayList<>();

    CountingLoader(ClassLoader parent) {
      super(new URL[0], parent);
    }

    @Override
    public URL getResource(String name) {
      if (name.endsWith(".class")) {
        reads.add(name);
      }
      return super.getResource(name);
    }
  }
}
