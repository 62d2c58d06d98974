package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;

/**
 * Checks the runtime jar the agent's class loader reads. The classes the agent defines in the boot
 * loader ({@code dev.weft.bootstrap}) see only the JDK modules of the boot loader and nothing else
 * of Weft; the rest, whose loader has the platform loader as parent, see every JDK module. A
 * reference beyond that would fail at run time with NoClassDefFoundError. Also checks that nothing
 * third-party is left unrelocated.
 */
class BootstrapJarIT {
  private static final Path BOOTSTRAP_JAR = Path.of(System.getProperty("weft.bootstrap.jar"));
  private static final Pattern OBJECT_TYPE = Pattern.compile("L([^;<]+)[;<]");
  private static final String BOOT_LOADER_PACKAGE = "dev/weft/bootstrap/";

  private static final int CONSTANT_CLASS = 7;
  private static final int CONSTANT_NAME_AND_TYPE = 12;

  @Test
  void bootLoaderClasses_referOnlyToEachOtherAndToTheBootLoadersJdkClasses() throws IOException {
    Set<String> unreachable = new TreeSet<>();
    Set<String> weft = new TreeSet<>();
    try (JarFile jar = new JarFile(BOOTSTRAP_JAR.toFile())) {
      Set<String> referenced = typesReferenced(jar, name -> name.startsWith(BOOT_LOADER_PACKAGE));
      assertThat(referenced).contains("dev/weft/bootstrap/ContextHooks", "java/lang/Runnable");
      for (String type : referenced) {
        if (type.startsWith("dev/weft/")) {
          if (!type.startsWith(BOOT_LOADER_PACKAGE)) {
            weft.add(type);
          }
        } else if (!loads(type, null)) {
          unreachable.add(type);
        }
      }
    }
    assertThat(unreachable).as("JDK types the boot loader cannot see").isEmpty();
    assertThat(weft).as("Weft types outside the boot loader").isEmpty();
  }

  @Test
  void theAgentDefinesEveryBootLoaderClassOfTheJar() throws IOException {
    List<String> inJar = new ArrayList<>();
    try (JarFile jar = new JarFile(BOOTSTRAP_JAR.toFile())) {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (name.startsWith(BOOT_LOADER_PACKAGE)
            && name.endsWith(".class")
            && !name.endsWith("package-info.class")) {
          inJar.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        }
      }
    }
    assertThat(RuntimeClasses.BOOT_LOADER_CLASSES).containsExactlyInAnyOrderElementsOf(inJar);
  }

  @Test
  void runtimeClasses_referOnlyToJdkClassesThePlatformLoaderSees() throws IOException {
    Set<String> unreachable = new TreeSet<>();
    try (JarFile jar = new JarFile(BOOTSTRAP_JAR.toFile())) {
      for (String type : typesReferenced(jar, name -> true)) {
        if (!type.startsWith("dev/weft/") && !loads(type, ClassLoader.getPlatformClassLoader())) {
          unreachable.add(type);
        }
      }
    }
    assertThat(unreachable).as("JDK types the platform loader cannot see").isEmpty();
  }

  private static boolean loads(String type, ClassLoader loader) {
    try {
      Class.forName(type.replace('/', '.'), false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Test
  void bootClassPathJar_holdsOnlyWeftAndRelocatedClasses() throws IOException {
    List<String> foreign = new ArrayList<>();
    try (JarFile jar = new JarFile(BOOTSTRAP_JAR.toFile())) {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (name.endsWith(".class") && !name.startsWith("dev/weft/")) {
          foreign.add(name);
        }
      }
      assertThat(jar.getEntry("dev/weft/weaver/WovenMethods.class")).isNotNull();
      assertThat(jar.getEntry("dev/weft/Tracing.class")).isNotNull();
      assertThat(jar.getEntry("dev/weft/annotations/ToolSpan.class")).isNotNull();
      assertThat(jar.getEntry("dev/weft/export/openai/OpenAiExporter.class")).isNull();
      assertThat(jar.getEntry("dev/weft/weaver/aspectj/WeftAspect.class")).isNull();
    }
    assertThat(foreign).isEmpty();
  }

  /** Returns the JDK and Weft types the classes of {@code jar} accepted by {@code which} name. */
  private static Set<String> typesReferenced(JarFile jar, Predicate<String> which)
      throws IOException {
    Set<String> types = new TreeSet<>();
    for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
      JarEntry entry = entries.nextElement();
      if (!entry.getName().endsWith(".class") || !which.test(entry.getName())) {
        continue;
      }
      byte[] bytes;
      try (InputStream in = jar.getInputStream(entry)) {
        bytes = in.readAllBytes();
      }
      ClassReader reader = new ClassReader(bytes);
      char[] buffer = new char[reader.getMaxStringLength()];
      for (int i = 1; i < reader.getItemCount(); i++) {
        int offset = reader.getItem(i);
        if (offset == 0) {
          continue;
        }
        int tag = bytes[offset - 1];
        if (tag == CONSTANT_CLASS) {
          addType(types, reader.readUTF8(offset, buffer));
        } else if (tag == CONSTANT_NAME_AND_TYPE) {
          Matcher matcher = OBJECT_TYPE.matcher(reader.readUTF8(offset + 2, buffer));
          while (matcher.find()) {
            addType(types, matcher.group(1));
          }
        }
      }
    }
    return types;
  }

  private static void addType(Set<String> types, String name) {
    String type = name;
    if (type.startsWith("[")) {
      Matcher matcher = OBJECT_TYPE.matcher(type);
      if (!matcher.find()) {
        return;
      }
      type = matcher.group(1);
    }
    if (type.startsWith("com/sun/jna/")) {
      // JNA is a library, not the JDK: Byte Buddy's JNA class injector, which the agent never
      // uses, is the only code referring to it and runs only when JNA itself is present.
      return;
    }
    if (type.startsWith("java/")
        || type.startsWith("dev/weft/")
        || type.startsWith("javax/")
        || type.startsWith("jdk/")
        || type.startsWith("sun/")
        || type.startsWith("com/sun/")) {
      types.add(type);
    }
  }
}
