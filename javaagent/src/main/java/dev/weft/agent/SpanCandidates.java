package dev.weft.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Tells from class file bytes alone, before any type description is built, whether a class can hold
 * a span method: it names one of Weft's annotations itself, or one of its supertypes does.
 *
 * <p>An annotated method's class file holds the annotation's descriptor ({@code
 * Ldev/weft/annotations/ToolSpan;}) among its constants, so a class whose bytes and whose
 * supertypes' bytes lack the package's name cannot declare or inherit a span method. Almost every
 * class a framework application loads is of that kind, and finding it out by a byte search costs a
 * fraction of describing the class and walking its hierarchy.
 *
 * <p>What is learnt about a supertype is kept per class loader (held weakly), since a framework's
 * base classes are the supertypes of thousands of its classes; each loader keeps a bounded number
 * of names and starts over past it.
 *
 * <p>A supertype in a library package ({@link SpanMatchers#isLibraryType}) is not read: the library
 * classes themselves never reach this check, and reading their supertypes' files out of the
 * application's jars took a Spring Boot application's main thread about 0.2 s of its start-up.
 */
final class SpanCandidates {
  private static final byte[] ANNOTATIONS_PACKAGE =
      "Ldev/weft/annotations/".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_NAMES_PER_LOADER = 65_536;

  private static final Map<String, Boolean> BOOT_TYPES = new ConcurrentHashMap<>();

  private final SpanMatchers matchers;
  private final Map<ClassLoader, Map<String, Boolean>> supertypes =
      Collections.synchronizedMap(new WeakHashMap<>());

  SpanCandidates(SpanMatchers matchers) {
    this.matchers = matchers;
  }

  /**
   * Returns whether the class whose file is {@code classFile}, loaded by {@code classLoader}, may
   * hold a span method; false only when it certainly cannot.
   */
  boolean mayHoldSpanMethods(ClassLoader classLoader, String internalName, byte[] classFile) {
    if (matchers.isRuleType(internalName)) {
      return true;
    }
    Map<String, Boolean> known = namesOf(classLoader);
    boolean result = mentionsSpanAnnotations(classFile);
    if (!result) {
      ClassReader reader = new ClassReader(classFile);
      result =
          anyMentions(
              classLoader, reader.getSuperName(), reader.getInterfaces(), known, new HashSet<>());
    }
    // Kept for its subclasses: a supertype loaded before them is then not read a second time.
    known.put(internalName, result);
    return result;
  }

  /** Returns whether {@code classFile} names a type of Weft's annotation package. */
  static boolean mentionsSpanAnnotations(byte[] classFile) {
    byte first = ANNOTATIONS_PACKAGE[0];
    int last = classFile.length - ANNOTATIONS_PACKAGE.length;
    search:
    for (int i = 0; i <= last; i++) {
      if (classFile[i] != first) {
        continue;
      }
      for (int j = 1; j < ANNOTATIONS_PACKAGE.length; j++) {
        if (classFile[i + j] != ANNOTATIONS_PACKAGE[j]) {
          continue search;
        }
      }
      return true;
    }
    return false;
  }

  private boolean anyMentions(
      ClassLoader classLoader,
      String superName,
      String[] interfaces,
      Map<String, Boolean> known,
      Set<String> visiting) {
    if (superName != null && mentions(classLoader, superName, known, visiting)) {
      return true;
    }
    for (String name : interfaces) {
      if (mentions(classLoader, name, known, visiting)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether a supertype, or one of its own supertypes, names Weft's annotations or is named
   * by a {@code weft.methods} rule.
   */
  private boolean mentions(
      ClassLoader classLoader,
      String internalName,
      Map<String, Boolean> known,
      Set<String> visiting) {
    if (matchers.isRuleType(internalName)) {
      return true;
    }
    if (internalName.startsWith("java/") || matchers.isLibraryType(internalName)) {
      return false; // the JDK's and libraries' types carry no Weft annotation
    }
    Boolean cached = known.get(internalName);
    if (cached != null) {
      return cached;
    }
    if (!visiting.add(internalName)) {
      return false; // a broken, cyclic hierarchy: the class will not load anyway
    }
    boolean result;
    try {
      ClassFileLocator.Resolution resolution =
          TypePoolCache.classFilesOf(classLoader).locate(internalName.replace('/', '.'));
      if (!resolution.isResolved()) {
        // Unreadable: let the full description decide, as it would have without this check.
        result = true;
      } else {
        byte[] classFile = resolution.resolve();
        if (mentionsSpanAnnotations(classFile)) {
          result = true;
        } else {
          ClassReader reader = new ClassReader(classFile);
          result =
              anyMentions(
                  classLoader, reader.getSuperName(), reader.getInterfaces(), known, visiting);
        }
      }
    } catch (IOException | RuntimeException e) {
      result = true;
    }
    known.put(internalName, result);
    return result;
  }

  private Map<String, Boolean> namesOf(ClassLoader classLoader) {
    if (classLoader == null) {
      return BOOT_TYPES;
    }
    synchronized (supertypes) {
      Map<String, Boolean> names = supertypes.get(classLoader);
      if (names == null || names.size() > MAX_NAMES_PER_LOADER) {
        names = new ConcurrentHashMap<>();
        supertypes.put(classLoader, names);
      }
      return names;
    }
  }
}
