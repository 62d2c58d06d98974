package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transformer of the JDK's executors, on the JDK's own class files: it weaves the classes it
 * lists and no other, keeps what it wove, and a later start takes the class from the cache
 * unchanged, without weaving it again.
 */
class ExecutorInstrumentationTest {
  private static final String POOL = "java/util/concurrent/ThreadPoolExecutor";
  private static final ClassFileLocator ADVICE = AgentInstaller.adviceLocator(null);

  @TempDir Path tmp;

  @Test
  void aListedJdkClass_isWovenToCallTheContextHooks_andTheNextStartTakesItFromTheCache()
      throws IOException {
    byte[] original = jdkClassFile(POOL);
    WovenClassCache cache = cache();

    WeavingTransformer first = transformer(cache);
    byte[] woven = first.transform(null, POOL, null, null, original);

    assertThat(woven).isNotNull().isNotEqualTo(original);
    // The pool's submissions bind their tasks; its starts of its own threads are marked.
    assertThat(new String(woven, StandardCharsets.ISO_8859_1))
        .contains("dev/weft/bootstrap/ContextHooks")
        .contains("wrapUnlessFutureTask")
        .contains("beginPoolStart")
        .contains("endPoolStart");
    assertThat(first.counts()).isEqualTo("0 from the cache, 1 woven");

    WeavingTransformer next = transformer(cache());
    assertThat(next.transform(null, POOL, null, null, original)).isEqualTo(woven);
    assertThat(next.counts()).isEqualTo("1 from the cache, 0 woven");
  }

  @Test
  void classesItDoesNotList_orOfAnotherLoader_areLeftAlone() throws IOException {
    WeavingTransformer transformer = transformer(cache());

    assertThat(
            transformer.transform(
                null,
                "java/util/concurrent/Executors",
                null,
                null,
                jdkClassFile("java/util/concurrent/Executors")))
        .isNull();
    assertThat(
            transformer.transform(
                getClass().getClassLoader(), POOL, null, null, jdkClassFile(POOL)))
        .isNull();
    assertThat(transformer.counts()).isEqualTo("0 from the cache, 0 woven");
  }

  @Test
  void withoutACache_everyStartWeaves() throws IOException {
    byte[] original = jdkClassFile(POOL);

    WeavingTransformer transformer = transformer(null);

    assertThat(transformer.transform(null, POOL, null, null, original)).isNotNull();
    assertThat(transformer.counts()).isEqualTo("0 from the cache, 1 woven");
  }

  @Test
  void everyListedClassOfThisJdk_isWoven() {
    // Advice for a class missing from the list would fail the constructor, the weave below.
    WeavingTransformer transformer = transformer(null);
    for (String name : ExecutorInstrumentation.CLASSES) {
      byte[] classFile = jdkClassFileOrNull(name);
      if (classFile != null) {
        assertThat(transformer.transform(null, name, null, null, classFile)).as(name).isNotNull();
      }
    }
  }

  @Test
  void completableFuturesThreadPerTaskExecutor_bindsItsTask_andMarksItsThreadStart()
      throws IOException {
    String executor = "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor";

    byte[] woven = transformer(null).transform(null, executor, null, null, jdkClassFile(executor));

    assertThat(woven).isNotNull();
    assertThat(new String(woven, StandardCharsets.ISO_8859_1))
        .contains("dev/weft/bootstrap/ContextHooks")
        .contains("beginPoolStart")
        .contains("endPoolStart");
  }

  private static WeavingTransformer transformer(WovenClassCache cache) {
    return new WeavingTransformer(
        new ExecutorInstrumentation.Deferred(ADVICE), new TypePoolCache(), cache);
  }

  private WovenClassCache cache() throws IOException {
    Path dir = RuntimeJarCache.folder(tmp, true);
    return WovenClassCache.open(dir.resolve("weft-bootstrap-1a2b3c-1000.jar"), tmp);
  }

  private static byte[] jdkClassFile(String internalName) throws IOException {
    byte[] classFile = jdkClassFileOrNull(internalName);
    assertThat(classFile).as(internalName).isNotNull();
    return classFile;
  }

  private static byte[] jdkClassFileOrNull(String internalName) {
    try (InputStream in = Object.class.getResourceAsStream("/" + internalName + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
