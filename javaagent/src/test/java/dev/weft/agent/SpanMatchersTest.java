package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.agents.BaseAgent;
import com.acme.agents.OrderTools;
import com.acme.agents.ResearchAgent;
import com.acme.agents.UpperCaseTool;
import com.acme.agents.WeatherService;
import com.acme.plain.CheckStep;
import com.acme.plain.PlainTools;
import dev.weft.config.MethodRule;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class SpanMatchersTest {
  private final SpanMatchers annotations = new SpanMatchers(List.of(), List.of());

  private static MethodDescription method(Class<?> type, String name) {
    return TypeDescription.ForLoadedType.of(type).getDeclaredMethods().stream()
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void ignoredByName_skipsTheJdkOtherAgentsProxiesAndWeftItself_butNotWeftApplications() {
    assertThat(annotations.ignoredByName("java.util.concurrent.ThreadPoolExecutor")).isTrue();
    assertThat(annotations.ignoredByName("io.opentelemetry.javaagent.bootstrap.Agent")).isTrue();
    assertThat(annotations.ignoredByName("com.acme.Foo$$EnhancerBySpringCGLIB$$1")).isTrue();
    assertThat(annotations.ignoredByName("jdk.proxy2.$Proxy12")).isTrue();
    assertThat(annotations.ignoredByName("dev.weft.Tracing")).isTrue();
    assertThat(annotations.ignoredByName("dev.weft.weaver.MethodSpanEngine")).isTrue();
    assertThat(annotations.ignoredByName("dev.weft.analysis.TraceAnalysis")).isTrue();
    assertThat(annotations.ignoredByName("dev.weft.sample.PodcastStudio")).isFalse();
    assertThat(annotations.ignoredByName("dev.weft.benchmarks.SpanBenchmark")).isFalse();
    assertThat(annotations.ignoredByName("com.acme.agents.TriageAgent")).isFalse();
  }

  @Test
  void ignoredByName_libraryPackages_unlessMethodRulesAreConfigured() {
    SpanMatchers rules =
        new SpanMatchers(List.of(MethodRule.parse("com.acme.plain.Step[*]@task")), List.of());

    assertThat(annotations.ignoredByName("org.springframework.ai.Fake")).isTrue();
    assertThat(annotations.ignoredByName("com.fasterxml.jackson.databind.ObjectMapper")).isTrue();
    assertThat(annotations.ignoredByName("net.bytebuddy.ByteBuddy")).isTrue();
    assertThat(rules.ignoredByName("org.springframework.ai.Fake")).isFalse();
  }

  @Test
  void ignoredByName_withPackages_keepsOnlyThoseAndTypesNamedByRules() {
    SpanMatchers narrowed =
        new SpanMatchers(List.of(MethodRule.parse("org.other.Tool[run]")), List.of("com.acme"));

    assertThat(narrowed.ignoredByName("com.acme.agents.TriageAgent")).isFalse();
    assertThat(narrowed.ignoredByName("com.acmex.Other")).isTrue();
    assertThat(narrowed.ignoredByName("org.other.Tool")).isFalse();
  }

  @Test
  void holdsSpanMethods_findsDeclaredAndInheritedAnnotations() {
    assertThat(annotations.holdsSpanMethods(TypeDescription.ForLoadedType.of(OrderTools.class)))
        .isTrue();
    assertThat(annotations.holdsSpanMethods(TypeDescription.ForLoadedType.of(WeatherService.class)))
        .isTrue();
    assertThat(annotations.holdsSpanMethods(TypeDescription.ForLoadedType.of(ResearchAgent.class)))
        .isTrue();
    assertThat(annotations.holdsSpanMethods(TypeDescription.ForLoadedType.of(PlainTools.class)))
        .isFalse();
  }

  @Test
  void isSpanMethod_matchesAnnotatedAndOverridingMethods_notAbstractBridgeOrPlainOnes() {
    assertThat(annotations.isSpanMethod(method(OrderTools.class, "lookupOrder"))).isTrue();
    assertThat(annotations.isSpanMethod(method(OrderTools.class, "add"))).isTrue();
    assertThat(annotations.isSpanMethod(method(OrderTools.class, "helper"))).isFalse();
    assertThat(annotations.isSpanMethod(method(WeatherService.class, "forecast"))).isTrue();
    assertThat(annotations.isSpanMethod(method(BaseAgent.class, "act"))).isFalse();
    assertThat(annotations.isSpanMethod(method(ResearchAgent.class, "act"))).isTrue();
    List<? extends MethodDescription> calls =
        TypeDescription.ForLoadedType.of(UpperCaseTool.class).getDeclaredMethods().stream()
            .filter(m -> m.getName().equals("call"))
            .toList();
    assertThat(calls).hasSize(2);
    assertThat(calls)
        .filteredOn(annotations::isSpanMethod)
        .singleElement()
        .satisfies(m -> assertThat(m.isBridge()).isFalse());
  }

  @Test
  void isSpanMethod_withAllMethodsRule_skipsAccessorsAndObjectMethods() {
    SpanMatchers rules =
        new SpanMatchers(
            List.of(
                MethodRule.parse("com.acme.plain.PlainTools[*]@tool"),
                MethodRule.parse("com.acme.plain.Step[*]@task")),
            List.of());

    assertThat(rules.isSpanMethod(method(PlainTools.class, "search"))).isTrue();
    assertThat(rules.isSpanMethod(method(PlainTools.class, "getName"))).isFalse();
    assertThat(rules.isSpanMethod(method(CheckStep.class, "perform"))).isTrue();
    assertThat(rules.holdsSpanMethods(TypeDescription.ForLoadedType.of(CheckStep.class))).isTrue();
  }

  @Test
  void discardsPrimitiveResult_onlyForPrimitivesNotCapturedAndNeverForGuardrails() {
    assertThat(SpanMatchers.discardsPrimitiveResult(method(Results.class, "uncapturedLong")))
        .isTrue();
    assertThat(SpanMatchers.discardsPrimitiveResult(method(Results.class, "capturedLong")))
        .isFalse();
    assertThat(SpanMatchers.discardsPrimitiveResult(method(Results.class, "uncapturedText")))
        .isFalse();
    assertThat(SpanMatchers.discardsPrimitiveResult(method(Results.class, "guardrail"))).isFalse();
    assertThat(SpanMatchers.discardsPrimitiveResult(method(Results.class, "plain"))).isFalse();
  }

  /** Span methods whose results the advice reads or leaves alone. */
  static final class Results {
    @dev.weft.annotations.ToolSpan(captureResult = false)
    long uncapturedLong() {
      return 1;
    }

    @dev.weft.annotations.ToolSpan
    long capturedLong() {
      return 1;
    }

    @dev.weft.annotations.ToolSpan(captureResult = false)
    String uncapturedText() {
      return "a";
    }

    @dev.weft.annotations.GuardrailSpan(captureResult = false)
    boolean guardrail() {
      return true;
    }

    long plain() {
      return 1;
    }
  }
}
