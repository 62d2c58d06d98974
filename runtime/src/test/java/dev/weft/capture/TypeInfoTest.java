package dev.weft.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.annotations.Sensitive;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypeInfoTest {

  @Sensitive
  interface Marked {}

  interface Extended extends Marked {}

  static class Base implements Extended {}

  static final class Leaf extends Base {}

  record Pair(String left, String apiKey) {}

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
