package dev.weft.instrumentation.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
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

  /** A class whose copies, each defined by a loader of its own, an accessor meets one by one. */
  public static final class Loaded {
    public String text() {
      return "loaded by " + getClass().getClassLoader().getClass().getSimpleName();
    }
  }

  @Test
  void
      accessors_areReadThroughTheirPublicDeclaration_optionalsUnwrapped_andMissingOrFailingOnesReadAsNull() {
    Chunk chunk = new Chunk();
    for (int i = 0; i < 3; i++) { // the first call finds the members, the later ones reuse them
      assertThat(Reflect.accessor("text").text(chunk)).isEqualTo("hello");
      assertThat(Reflect.accessor("tokens").number(chunk)).isEqualTo(42);
      assertThat(Reflect.accessor("noSuchAccessor").call(chunk)).isNull();
      assertThat(Reflect.accessor("failing").call(chunk)).isNull();
      assertThat(Reflect.field(chunk, "model")).isEqualTo("gpt-test");
      assertThat(Reflect.field(chunk, "noSuchField")).isNull();
    }
    assertThat(Reflect.accessor("text").call(null)).isNull();
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

  @Test
  void accessor_readsEveryClassItMeets_evenPastTheOnesItRemembers() throws Exception {
    Reflect.Accessor text = Reflect.accessor("text");
    Reflect.Accessor tokens = Reflect.accessor("tokens");
    Reflect.Accessor failing = Reflect.accessor("failing");
    Reflect.Accessor missing = Reflect.accessor("noSuchAccessor");
    Response anonymous = () -> "lambda";
    for (int i = 0; i < 3; i++) {
      assertThat(text.text(new Chunk())).isEqualTo("hello");
      assertThat(text.text(new Base())).isEqualTo("hello");
      assertThat(text.text(anonymous)).isEqualTo("lambda");
      assertThat(tokens.number(new Chunk())).isEqualTo(42);
      assertThat(failing.call(new Chunk())).isNull();
      assertThat(missing.call(new Chunk())).isNull();
      assertThat(text.call(null)).isNull();
      assertThat(text.text("a string has no text()")).isNull();
    }
    // More classes than an accessor remembers: each is still read right, again and again.
    List<Object> copies = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      copies.add(loadedInALoaderOfItsOwn());
    }
    for (int round = 0; round < 2; round++) {
      for (Object copy : copies) {
        assertThat(text.text(copy)).isEqualTo("loaded by URLClassLoader");
      }
    }
  }

  @Test
  void accessors_keepNoClassLoaderAlive() throws Exception {
    Reflect.Accessor text = Reflect.accessor("text");
    WeakReference<ClassLoader> loader = readOnce(text);
    for (int i = 0; i < 100 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(loader.get()).as("the loader of a class read through an accessor").isNull();
    // The accessor still reads the classes that come after.
    assertThat(text.text(new Chunk())).isEqualTo("hello");
  }

  private static WeakReference<ClassLoader> readOnce(Reflect.Accessor text) throws Exception {
    Object copy = loadedInALoaderOfItsOwn();
    assertThat(text.text(copy)).isEqualTo("loaded by URLClassLoader");
    // An accessor that remembers no class reads through the per-class cache alone.
    Reflect.Accessor full = Reflect.accessor("text");
    for (Object other :
        List.of(1, 1L, 1.0, "s", new StringBuilder(), new ArrayList<>(), new Object(), 'c')) {
      assertThat(full.call(other)).isNull();
    }
    assertThat(full.text(copy)).isEqualTo("loaded by URLClassLoader");
    return new WeakReference<>(copy.getClass().getClassLoader());
  }

  /** Returns a new {@link Loaded}, of a copy of the class defined by a new class loader. */
  private static Object loadedInALoaderOfItsOwn() throws Exception {
    URL classes = Loaded.class.getProtectionDomain().getCodeSource().getLocation();
    ClassLoader loader =
        new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader());
    Class<?> copy = loader.loadClass(Loaded.class.getName());
    assertThat(copy).isNotSameAs(Loaded.class);
    return copy.getConstructor().newInstance();
  }
}
