package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.bootstrap.AgentClasses;
import java.io.InputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The code {@link ClassLoaderHook} puts into {@code loadClass(String)}, woven here into a loader of
 * the test's own (the JDK's {@code ClassLoader} cannot be defined twice) and checked by the JVM's
 * verifier when that loader is defined.
 */
class ClassLoaderHookTest {

  @AfterEach
  void uninstall() {
    AgentClasses.install(null, name -> false);
  }

  @Test
  void aWovenLoader_answersTheRuntimesPackagesFromTheAgentsLoader() throws Exception {
    ClassLoader woven = wovenFixedAnswerLoader();
    ClassLoader agent = ClassLoaderHookTest.class.getClassLoader();
    AgentClasses.install(agent, name -> name.startsWith("dev.weft.agent."));

    assertThat(woven.loadClass("dev.weft.agent.ClassLoaderHookTest"))
        .isSameAs(ClassLoaderHookTest.class);
    assertThat(woven.loadClass("com.acme.Anything")).isSameAs(FixedAnswerLoader.ANSWER);
    assertThat(woven.loadClass("dev.weft.other.Type"))
        .as("a class the agent does not define")
        .isSameAs(FixedAnswerLoader.ANSWER);
    assertThat(woven.loadClass("dev.weft.agent.NoSuchType"))
        .as("a class the agent does not have")
        .isSameAs(FixedAnswerLoader.ANSWER);
  }

  @Test
  void withoutTheAgent_theLoaderAnswersAsItWas() throws Exception {
    ClassLoader woven = wovenFixedAnswerLoader();

    assertThat(woven.loadClass("dev.weft.agent.ClassLoaderHookTest"))
        .isSameAs(FixedAnswerLoader.ANSWER);
  }

  @Test
  void theAgentsOwnLoader_isNeverSentToItself() throws Exception {
    ClassLoader woven = wovenFixedAnswerLoader();
    AgentClasses.install(woven, name -> name.startsWith("dev.weft.agent."));

    assertThat(woven.loadClass("dev.weft.agent.ClassLoaderHookTest"))
        .isSameAs(FixedAnswerLoader.ANSWER);
  }

  /** Defines {@link FixedAnswerLoader} woven by the hook, in a loader of its own. */
  private static ClassLoader wovenFixedAnswerLoader() throws Exception {
    String name = FixedAnswerLoader.class.getName();
    byte[] original;
    try (InputStream in =
        ClassLoaderHookTest.class.getResourceAsStream("/" + name.replace('.', '/') + ".class")) {
      original = in.readAllBytes();
    }
    byte[] woven = ClassLoaderHook.weave(original);
    ClassLoader definer =
        new ClassLoader("definer", ClassLoaderHookTest.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String type, boolean resolve) throws ClassNotFoundException {
            if (type.equals(name)) {
              synchronized (getClassLoadingLock(type)) {
                Class<?> found = findLoadedClass(type);
                return found != null ? found : defineClass(type, woven, 0, woven.length);
              }
            }
            return super.loadClass(type, resolve);
          }
        };
    return (ClassLoader) definer.loadClass(name).getDeclaredConstructor().newInstance();
  }

  /** A loader whose {@code loadClass(String)} answers one class for every name. */
  public static final class FixedAnswerLoader extends ClassLoader {
    static final Class<?> ANSWER = Void.class;

    public FixedAnswerLoader() {
      super(null);
    }

    @Override
    public Class<?> loadClass(String name) {
      return ANSWER;
    }
  }
}
