package dev.weft.weaver.aspectj;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.annotations.AgentSpan;
import dev.weft.annotations.Sensitive;
import dev.weft.annotations.ToolSpan;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class InheritedSpansTest {
  interface Tool<T> {
    @ToolSpan
    String run(T input);

    String describe();
  }

  abstract static class Base {
    @AgentSpan
    abstract String handle(String question);

    @ToolSpan
    private String hidden() {
      return "";
    }

    @ToolSpan
    static String util() {
      return "";
    }
  }

  static class Impl extends Base implements Tool<String> {
    @Override
    public String run(String input) {
      return input;
    }

    @Override
    public String describe() {
      return "impl";
    }

    @Override
    String handle(String question) {
      return question;
    }

    @Sensitive
    String hidden() {
      return "";
    }

    static String util() {
      return "";
    }

    @ToolSpan
    String own() {
      return "";
    }
  }

  static class Deeper extends Impl {
    @Override
    public String run(String input) {
      return input + "!";
    }
  }

  @Test
  void declaresOrInherits_whenAnnotatedOnTheMethodItself_isTrue() throws Exception {
    assertThat(InheritedSpans.declaresOrInherits(method(Impl.class, "own"))).isTrue();
  }

  @Test
  void declaresOrInherits_whenInterfaceMethodWithGenericParameterIsAnnotated_isTrue()
      throws Exception {
    assertThat(InheritedSpans.declaresOrInherits(method(Impl.class, "run", String.class))).isTrue();
  }

  @Test
  void declaresOrInherits_whenAbstractSuperclassMethodIsAnnotated_isTrue() throws Exception {
    assertThat(InheritedSpans.declaresOrInherits(method(Impl.class, "handle", String.class)))
        .isTrue();
  }

  @Test
  void declaresOrInherits_throughSeveralLevels_isTrue() throws Exception {
    assertThat(InheritedSpans.declaresOrInherits(method(Deeper.class, "run", String.class)))
        .isTrue();
  }

  @Test
  void declaresOrInherits_whenNoDeclarationIsAnnotated_isFalse() throws Exception {
    assertThat(InheritedSpans.declaresOrInherits(method(Impl.class, "describe"))).isFalse();
  }

  @Test
  void declaresOrInherits_neverFollowsPrivateOrStaticMethods() throws Exception {
    assertThat(InheritedSpans.declaresOrInherits(method(Impl.class, "hidden"))).isFalse();
    assertThat(InheritedSpans.declaresOrInherits(method(Impl.class, "util"))).isFalse();
  }

  private static Method method(Class<?> type, String name, Class<?>... parameters)
      throws NoSuchMethodException {
    return type.getDeclaredMethod(name, parameters);
  }
}
