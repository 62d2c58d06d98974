package dev.weft.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.annotations.Sensitive;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.EventObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TypeInfoTest {

  @Sensitive
  interface Marked {}

  interface Extended extends Marked {}

  static class Base implements Extended {}

  static final class Leaf extends Base {}

  record Pair(String left, String apiKey) {}

  static final class Described {
    @Override
    public String toString() {
      return "described";
    }
  }

  static final class Plain {}

  static final class Hashed {
    @Override
    public int hashCode() {
      return 1;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Hashed;
    }
  }

  static class Named {
    @Override
    public String toString() {
      return "named";
    }
  }

  static final class Subclass extends Named {}

  static final class Text implements CharSequence {
    @Override
    public int length() {
      return 0;
    }

    @Override
    public char charAt(int index) {
      throw new IndexOutOfBoundsException(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return this;
    }

    @Override
    public String toString() {
      return "";
    }
  }

  @Test
  void of_isCachedPerClass() {
    assertThat(TypeInfo.of(Pair.class)).isSameAs(TypeInfo.of(Pair.class));
  }

  @Test
  void of_commonTypes_haveTheirKind() {
    assertThat(TypeInfo.of(ArrayList.class).kind).isEqualTo(TypeInfo.Kind.COLLECTION);
    assertThat(TypeInfo.of(HashMap.class).kind).isEqualTo(TypeInfo.Kind.MAP);
    assertThat(TypeInfo.of(int[].class).kind).isEqualTo(TypeInfo.Kind.ARRAY);
    assertThat(TypeInfo.of(Optional.class).kind).isEqualTo(TypeInfo.Kind.OPTIONAL);
    assertThat(TypeInfo.of(Thread.class).kind).isEqualTo(TypeInfo.Kind.TO_STRING);
  }

  @Test
  void of_jdkTypes_areCalledAsTheyAre() {
    for (Class<?> type :
        List.of(
            Thread.class,
            UUID.class,
            Path.of("a").getClass(),
            URI.class,
            Instant.class,
            Object.class,
            Plain.class)) {
      assertThat(TypeInfo.of(type).kind).as(type.getName()).isEqualTo(TypeInfo.Kind.TO_STRING);
    }
    Runnable lambda = () -> {};
    assertThat(TypeInfo.of(lambda.getClass()).kind).isEqualTo(TypeInfo.Kind.TO_STRING);
    assertThat(TypeInfo.of(StringBuilder.class).kind).isEqualTo(TypeInfo.Kind.CHAR_SEQUENCE);
  }

  @Test
  void of_typesRunningApplicationCodeInToString_areApplicationToString() {
    for (Class<?> type :
        List.of(
            Described.class,
            Subclass.class,
            Hashed.class,
            Text.class,
            AtomicReference.class,
            AbstractMap.SimpleEntry.class,
            Map.entry("k", "v").getClass(),
            FutureTask.class,
            EventObject.class,
            Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {Runnable.class},
                    (proxy, method, args) -> null)
                .getClass())) {
      assertThat(TypeInfo.of(type).kind)
          .as(type.getName())
          .isEqualTo(TypeInfo.Kind.APPLICATION_TO_STRING);
    }
  }

  @Test
  void of_record_listsComponentsAndWhichAreRedacted() {
    TypeInfo info = TypeInfo.of(Pair.class);
    assertThat(info.kind).isEqualTo(TypeInfo.Kind.RECORD);
    assertThat(info.componentNames).containsExactly("left", "apiKey");
    assertThat(info.componentRedacted).containsExactly(false, true);
  }

  @Test
  void isSensitiveType_throughSuperclassAndSuperinterface() {
    assertThat(TypeInfo.isSensitiveType(Leaf.class)).isTrue();
    assertThat(TypeInfo.of(Leaf.class).kind).isEqualTo(TypeInfo.Kind.SENSITIVE);
    assertThat(TypeInfo.isSensitiveType(String.class)).isFalse();
  }
}
