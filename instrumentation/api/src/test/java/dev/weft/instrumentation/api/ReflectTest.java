package dev.weft.instrumentation.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ReflectTest {

  /** A library's public view of a response. */
  public interface Response {
    String text();
  }

  /** A library's hidden implementation, reached only through {@link Response}. */
  private static class Base implements Response, Supplier<String> {
    private final String model = "gpt-test";

    @Override
    public String text() {
      return "hello";
    }

    @Override
    public String get() {
      return text();
    }

    public Optional<Integer> tokens() {
      return Optional.of(42);
    }

    public String failing() {
      throw new IllegalStateException("library bug");
    }
  }

  private static final class Chunk extends Base {}

  @Test
  void
      accessors_areReadThroughTheirPublicDeclaration_optionalsUnwrapped_andMissingOrFailingOnesReadAsNull() {
    Chunk chunk = new Chunk();
    for (int i = 0; i < 3; i++) { // the first call finds the members, the later ones reuse them
      assertThat(Reflect.text(chunk, "text")).isEqualTo("hello");
      assertThat(Reflect.number(chunk, "tokens")).isEqualTo(42);
      assertThat(Reflect.call(chunk, "noSuchAccessor")).isNull();
      assertThat(Reflect.call(chunk, "failing")).isNull();
      assertThat(Reflect.field(chunk, "model")).isEqualTo("gpt-test");
      assertThat(Reflect.field(chunk, "noSuchField")).isNull();
    }
    assertThat(Reflect.call(null, "text")).isNull();
    assertThat(Reflect.field(null, "model")).isNull();
  }

  @Test
  void isA_seesSuperclassesAndInterfacesOfSuperclasses_andAnswersTheSameWhenAskedAgain() {
    Chunk chunk = new Chunk();
    for (int i = 0; i < 2; i++) {
      assertThat(Reflect.isA(chunk, Base.class.getName())).isTrue();
      assertThat(Reflect.isA(chunk, Response.class.getName())).isTrue();
      assertThat(Reflect.isA(chunk, Supplier.class.getName())).isTrue();
      assertThat(Reflect.isA(chunk, "com.example.Unrelated")).isFalse();
    }
    assertThat(Reflect.isA(new Object(), Response.class.getName())).isFalse();
    assertThat(Reflect.isA(null, Response.class.getName())).isFalse();
  }
}
