package dev.weft.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.data.SpanType;
import dev.weft.weaver.aspectj.WeftAspect;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.aspectj.lang.annotation.Around;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine and the AspectJ aspect know every span type of the registry, and only those. */
class SpanKindTest {

  @ParameterizedTest
  @EnumSource(SpanType.class)
  void eachSpanType_hasAKind_foundByItsAnnotationAndItsRuleName(SpanType type) {
    SpanKind kind = SpanKind.forAnnotation(type.annotation().getName());
    assertThat(kind).isNotNull();
    assertThat(kind.spanType).isSameAs(type);
    assertThat(SpanKind.forRuleType(type.typeName())).isSameAs(kind);
    assertThat(MethodSpanEngine.spanAnnotationNames()).contains(type.annotation().getName());
  }

  @Test
  void everyKindButTheWorkflow_isASpanType() {
    assertThat(
            Arrays.stream(SpanKind.values())
                .filter(kind -> kind != SpanKind.WORKFLOW)
                .map(kind -> kind.spanType))
        .containsExactly(SpanType.values());
  }

  @ParameterizedTest
  @EnumSource(SpanType.class)
  void theAspect_adviseseachSpanAnnotation(SpanType type) {
    List<String> pointcuts =
        Arrays.stream(WeftAspect.class.getDeclaredMethods())
            .map(method -> method.getAnnotation(Around.class))
            .filter(around -> around != null)
            .map(Around::value)
            .toList();
    assertThat(pointcuts)
        .anySatisfy(
            pointcut -> assertThat(pointcut).contains("@" + type.annotation().getName() + " "));
  }

  @Test
  void theAspect_advisesNothingElse() {
    long advice =
        Arrays.stream(WeftAspect.class.getDeclaredMethods())
            .map((Method method) -> method.getAnnotation(Around.class))
            .filter(around -> around != null)
            .count();
    assertThat(advice).isEqualTo(SpanType.values().length + 1);
  }
}
