package dev.weft.agent;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.weft.config.WeftConfig;
import dev.weft.instrumentation.api.Hook;
import dev.weft.instrumentation.api.LibraryInstrumentation;
import dev.weft.instrumentation.api.LibraryVersions;
import dev.weft.internal.WeftLog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Weaves the advice of the library instrumentations into the library's own classes. A class is
 * looked at only when its name is one a hook names (one map lookup, and a check of a few prefixes,
 * per class loaded), and woven only when its class loader sees a supported version of the library,
 * which is worked out once per class loader and instrumentation and remembered without keeping the
 * class loader alive. An application without the library pays nothing more.
 */
final class LibraryWeaving implements WeavingTransformer.Weaving {
  private final Map<String, List<Target>> exact = new HashMap<>();
  private final List<Target> prefixed = new ArrayList<>();
  private final AdviceClasses adviceClasses;
  private final Map<LibraryInstrumentation, Map<ClassLoader, Boolean>> supported = new HashMap<>();

  private LibraryWeaving(List<LibraryInstrumentation> instrumentations, ClassFileLocator advice) {
    this.adviceClasses = new AdviceClasses(advice);
    for (LibraryInstrumentation instrumentation : instrumentations) {
      supported.put(instrumentation, new WeakHashMap<>());
      for (Hook hook : instrumentation.hooks()) {
        Target target = new Target(instrumentation, hook);
        if (hook.prefix()) {
          prefixed.add(target);
        } else {
          exact.computeIfAbsent(hook.internalName(), k -> new ArrayList<>()).add(target);
        }
      }
    }
  }

  /**
   * Installs the instrumentations that are switched on ({@code
   * weft.instrumentation.<name>.enabled}, default {@code weft.instrumentation.default-enabled},
   * itself true), and weaves those of their classes that are loaded already when the agent was
   * attached late.
   */
  static void install(
      Instrumentation instrumentation,
      WeftConfig config,
      List<LibraryInstrumentation> available,
      ClassFileLocator advice,
      WovenClassCache cache,
      boolean attached) {
    boolean byDefault = config.getBoolean("weft.instrumentation.default-enabled", true);
    List<LibraryInstrumentation> enabled = new ArrayList<>();
    for (LibraryInstrumentation library : available) {
      if (config.getBoolean("weft.instrumentation." + library.name() + ".enabled", byDefault)) {
        enabled.add(library);
      } else {
        WeftLog.debug("instrumentation " + library.name() + " is switched off");
      }
    }
    if (enabled.isEmpty()) {
      return;
    }
    LibraryWeaving weaving = new LibraryWeaving(enabled, advice);
    WeavingTransformer transformer = new WeavingTransformer(weaving, new TypePoolCache(), cache);
    WeavingTransformer.installAndRetransform(instrumentation, transformer, transformer, attached);
  }

  @Override
  public boolean mayWeave(ClassLoader classLoader, String internalName) {
    if (classLoader == null) {
      return false;
    }
    List<Target> targets = targetsOf(internalName);
    if (targets.isEmpty()) {
      return false;
    }
    for (Target target : targets) {
      if (supports(target.instrumentation, classLoader)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The hooks that apply to the class in its class loader. Which of its methods they weave, and
   * how, follows from its own class file: a hook matches methods by name and by the names of their
   * parameter types, and its advice refers to the library's types as {@code Object}.
   */
  @Override
  public String cacheVariant(ClassLoader classLoader, String internalName) {
    StringBuilder variant = new StringBuilder();
    for (Target target : targetsOf(internalName)) {
      if (supports(target.instrumentation, classLoader)) {
        variant
            .append(target.instrumentation.name())
            .append(' ')
            .append(target.hook.methodName())
            .append(target.hook.parameterTypes())
            .append(' ')
            .append(target.hook.adviceClass())
            .append('\n');
      }
    }
    return variant.toString();
  }

  @Override
  public boolean matches(TypeDescription type) {
    for (Target target : targetsOf(type.getInternalName())) {
      if (!type.getDeclaredMethods().filter(target.methods).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public DynamicType.Builder<?> weave(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader classLoader,
      ClassFileLocator classFile) {
    DynamicType.Builder<?> woven = builder;
    java.util.Set<String> applied = new java.util.HashSet<>();
    for (Target target : targetsOf(type.getInternalName())) {
      if (!supports(target.instrumentation, classLoader)
          || type.getDeclaredMethods().filter(target.methods).isEmpty()
          || !applied.add(
              target.hook.methodName()
                  + target.hook.parameterTypes()
                  + target.hook.adviceClass())) {
        continue;
      }
      woven =
          woven.visit(adviceClasses.of(adviceClass(target.hook.adviceClass())).on(target.methods));
    }
    return woven;
  }

  private List<Target> targetsOf(String internalName) {
    List<Target> targets = exact.get(internalName);
    List<Target> found = targets == null ? List.of() : targets;
    for (Target target : prefixed) {
      if (internalName.startsWith(target.hook.internalName())) {
        if (found.isEmpty()) {
          found = new ArrayList<>(2);
        } else if (found == targets) {
          found = new ArrayList<>(targets);
        }
        found.add(target);
      }
    }
    return found;
  }

  private static ElementMatcher<MethodDescription> methods(Hook hook) {
    ElementMatcher.Junction<MethodDescription> matcher =
        named(hook.methodName())
            .and(not(isAbstract()))
            .and(takesArguments(hook.parameterTypes().size()));
    for (int i = 0; i < hook.parameterTypes().size(); i++) {
      String parameterType = hook.parameterTypes().get(i);
      if (!parameterType.equals("*")) {
        matcher = matcher.and(takesArgument(i, named(parameterType)));
      }
    }
    return matcher;
  }

  private static Class<?> adviceClass(String name) {
    try {
      return Class.forName(name, false, LibraryWeaving.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("advice class " + name + " is missing", e);
    }
  }

  /** Returns whether the class loader sees a supported version of the library; remembered. */
  private boolean supports(LibraryInstrumentation instrumentation, ClassLoader classLoader) {
    Map<ClassLoader, Boolean> known = supported.get(instrumentation);
    synchronized (known) {
      Boolean answer = known.get(classLoader);
      if (answer == null) {
        answer = check(instrumentation, classLoader);
        known.put(classLoader, answer);
      }
      return answer;
    }
  }

  private static boolean check(LibraryInstrumentation instrumentation, ClassLoader classLoader) {
    LibraryVersions versions = instrumentation.versions();
    String marker = versions.markerClass().replace('.', '/') + ".class";
    if (classLoader.getResource(marker) == null) {
      return false;
    }
    String version = version(versions, classLoader);
    if (version == null) {
      WeftLog.debug(
          instrumentation.name()
              + ": no version found next to "
              + versions.markerClass()
              + "; traced as a supported version");
      return true;
    }
    if (!versions.supports(version)) {
      WeftLog.debug(
          instrumentation.name()
              + " "
              + version
              + " is not traced: the supported versions are "
              + versions.describe());
      return false;
    }
    WeftLog.debug(instrumentation.name() + " " + version + " is traced");
    return true;
  }

  private static String version(LibraryVersions versions, ClassLoader classLoader) {
    if (versions.pomProperties() == null) {
      return null;
    }
    try (InputStream in = classLoader.getResourceAsStream(versions.pomProperties())) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version");
      return version == null || version.isBlank() ? null : version.trim();
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  /** A hook with the instrumentation it belongs to. */
  private static final class Target {
    final LibraryInstrumentation instrumentation;
    final Hook hook;
    final ElementMatcher<MethodDescription> methods;

    Target(LibraryInstrumentation instrumentation, Hook hook) {
      this.instrumentation = instrumentation;
      this.hook = hook;
      this.methods = methods(hook);
    }
  }
}
