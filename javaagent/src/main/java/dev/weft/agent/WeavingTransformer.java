package dev.weft.agent;

import dev.weft.internal.WeftLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;

/**
 * A class file transformer that weaves advice with Byte Buddy directly: a cheap check of the class
 * loader and name first, then a lazily parsed description of the class, and only for a match the
 * advice, added by decorating the class file (no members added, no class format change).
 *
 * <p>Byte Buddy's {@code AgentBuilder} is not used: its transformer generates a class of its own on
 * first use (to implement the Java 9 transform method on Java 5 byte code), which took a third of
 * the agent's start-up, and it describes every class loaded before any name check.
 */
final class WeavingTransformer implements ClassFileTransformer {
  /** What one transformer weaves. */
  interface Weaving {
    /** Returns whether a class may be woven, judged by its loader and internal name alone. */
    boolean mayWeave(ClassLoader classLoader, String internalName);

    /**
     * Returns whether a class may be woven, judged by its class file before it is described; false
     * only when it certainly is not.
     */
    default boolean mayMatch(ClassLoader classLoader, String internalName, byte[] classFile) {
      return true;
    }

    /** Returns whether a class, described lazily, is to be woven. */
    boolean matches(TypeDescription type);

    /** Adds the advice to a class that matched. */
    DynamicType.Builder<?> weave(
        DynamicType.Builder<?> builder,
        TypeDescription type,
        ClassLoader classLoader,
        ClassFileLocator classFile);

    /**
     * Returns, as text, all that decides how a class is woven besides its own class file, the agent
     * build and the JDK (for instance, which hooks apply to it), so that a class woven once can be
     * taken from the {@link WovenClassCache} at later starts; null when the weave depends on more
     * (other classes, the running JVM), and the class is then woven at every start.
     */
    default String cacheVariant(ClassLoader classLoader, String internalName) {
      return null;
    }
  }

  private static final int RETRANSFORM_BATCH = 64;

  /** Set while this thread weaves, so classes loaded by the weaving itself are left alone. */
  private static final ThreadLocal<Boolean> WEAVING = new ThreadLocal<>();

  /** Made at the first weave: an application that needs none never sets Byte Buddy up. */
  private static final class Buddy {
    /**
     * Advice is added to the methods a class declares, so the class's method graph is its declared
     * methods alone: the default graph resolves every supertype and interface, reading their class
     * files, for every class woven.
     */
    static final ByteBuddy INSTANCE =
        new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);

    private Buddy() {}
  }

  private final Weaving weaving;
  private final TypePoolCache pools;
  private final WovenClassCache cache;
  private final AtomicInteger fromCache = new AtomicInteger();
  private final AtomicInteger woven = new AtomicInteger();

  WeavingTransformer(Weaving weaving, TypePoolCache pools) {
    this(weaving, pools, null);
  }

  /**
   * A transformer that keeps the classes it weaves in {@code cache}, when not null, and takes them
   * from there at later starts, as far as {@link Weaving#cacheVariant} allows.
   */
  WeavingTransformer(Weaving weaving, TypePoolCache pools, WovenClassCache cache) {
    this.weaving = weaving;
    this.pools = pools;
    this.cache = cache;
  }

  /** Returns whether a class may be woven, judged by its loader and internal name alone. */
  boolean mayWeave(ClassLoader classLoader, String internalName) {
    return internalName != null && weaving.mayWeave(classLoader, internalName);
  }

  @Override
  public byte[] transform(
      ClassLoader classLoader,
      String internalName,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (!mayWeave(classLoader, internalName)) {
      return null;
    }
    if (WEAVING.get() != null) {
      return null;
    }
    try {
      String variant = cache == null ? null : weaving.cacheVariant(classLoader, internalName);
      if (variant == null) {
        return counted(weave(classLoader, internalName, classFile));
      }
      byte[] kept = cache.find(internalName, variant, classFile);
      if (kept != null) {
        fromCache.incrementAndGet();
        if (kept == WovenClassCache.NOT_WOVEN) {
          return null;
        }
        if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
          WeftLog.debug("woven " + internalName.replace('/', '.') + " (from the cache)");
        }
        return kept;
      }
      byte[] made = weave(classLoader, internalName, classFile);
      cache.store(internalName, variant, classFile, made);
      return counted(made);
    } catch (Throwable t) {
      if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
        WeftLog.debug("cannot weave " + internalName.replace('/', '.') + ", left as it is: " + t);
      }
      return null;
    }
  }

  private byte[] counted(byte[] made) {
    if (made != null) {
      woven.incrementAndGet();
    }
    return made;
  }

  /**
   * Returns how many classes this transformer took from the cache (woven or left as they were) and
   * how many it wove, as a phrase.
   */
  String counts() {
    return fromCache.get() + " from the cache, " + woven.get() + " woven";
  }

  /**
   * Weaves one class; returns its new class file, or null when it is not woven. Failures are
   * thrown, for the caller to judge.
   */
  byte[] weave(ClassLoader classLoader, String internalName, byte[] classFile) {
    return weave(classLoader, internalName, classFile, false);
  }

  /**
   * Goes through the weave of {@code classFile} as a class of {@code classLoader} and drops the
   * result, on the calling thread: it sets up Byte Buddy, the loader's type pool and the weaving's
   * advice and matchers, so that the first class the application loads that needs them does not
   * wait while they are. A class the weaving matches is left alone (weaving it could register its
   * methods). Failures are thrown, for the caller to judge.
   */
  void rehearse(ClassLoader classLoader, String internalName, byte[] classFile) {
    weave(classLoader, internalName, classFile, true);
  }

  private byte[] weave(
      ClassLoader classLoader, String internalName, byte[] classFile, boolean rehearsal) {
    if (WEAVING.get() != null) {
      return null;
    }
    WEAVING.set(Boolean.TRUE);
    try {
      if (!weaving.mayMatch(classLoader, internalName, classFile) && !rehearsal) {
        return null;
      }
      String name = internalName.replace('/', '.');
      ClassFileLocator locator =
          new ClassFileLocator.Compound(
              ClassFileLocator.Simple.of(name, classFile), TypePoolCache.classFilesOf(classLoader));
      TypePool pool = pools.typePool(locator, classLoader);
      TypeDescription type = pool.describe(name).resolve();
      // A weave goes on for a class the weaving matches, a rehearsal for one it does not.
      if (weaving.matches(type) == rehearsal) {
        return null;
      }
      byte[] woven =
          weaving
              .weave(Buddy.INSTANCE.decorate(type, locator), type, classLoader, locator)
              .make()
              .getBytes();
      if (rehearsal) {
        return null;
      }
      if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
        WeftLog.debug("woven " + name);
      }
      return woven;
    } finally {
      WEAVING.remove();
    }
  }

  /**
   * Registers {@code transformer} and transforms again the loaded classes it may weave: those
   * {@code candidates} accepts among the loaded classes, in batches, one by one when a batch fails.
   */
  static void installAndRetransform(
      Instrumentation instrumentation,
      ClassFileTransformer transformer,
      WeavingTransformer weaving,
      boolean scanLoadedClasses) {
    instrumentation.addTransformer(transformer, true);
    if (!scanLoadedClasses) {
      return;
    }
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> type : instrumentation.getAllLoadedClasses()) {
      if (type.isArray()
          || type.isPrimitive()
          || !weaving.mayWeave(type.getClassLoader(), type.getName().replace('.', '/'))
          || !instrumentation.isModifiableClass(type)
          || !weaving.matchesLoaded(type)) {
        continue;
      }
      candidates.add(type);
    }
    for (int from = 0; from < candidates.size(); from += RETRANSFORM_BATCH) {
      List<Class<?>> batch =
          candidates.subList(from, Math.min(from + RETRANSFORM_BATCH, candidates.size()));
      try {
        instrumentation.retransformClasses(batch.toArray(new Class<?>[0]));
      } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
        for (Class<?> type : batch) {
          try {
            instrumentation.retransformClasses(type);
          } catch (UnmodifiableClassException | RuntimeException | LinkageError again) {
            WeftLog.debug("cannot weave loaded class " + type.getName() + ": " + again);
          }
        }
      }
    }
  }

  /** Returns whether a loaded class would be woven, described from its class file. */
  private boolean matchesLoaded(Class<?> type) {
    try {
      ClassLoader classLoader = type.getClassLoader();
      TypePool pool = pools.typePool(TypePoolCache.classFilesOf(classLoader), classLoader);
      TypePool.Resolution resolution = pool.describe(type.getName());
      return resolution.isResolved() && weaving.matches(resolution.resolve());
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
