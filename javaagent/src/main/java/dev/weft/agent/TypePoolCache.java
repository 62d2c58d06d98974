package dev.weft.agent;

import java.lang.ref.SoftReference;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Type descriptions shared between class loads, so the supertypes of the classes being matched
 * (parsed to find annotated interface methods) are parsed once per class loader rather than once
 * per subclass. Bounded per class loader, class loaders held weakly and descriptions softly, so the
 * cache never grows with the application.
 *
 * <p>A description keeps the pool that parsed it, and the pool its class file locator: pools whose
 * descriptions are cached read a class loader through {@link #classFilesOf}, which holds it weakly.
 * A locator holding it strongly would keep every class loader ever woven alive until the heap ran
 * short, as soft references are only cleared then, and with it all its classes.
 */
final class TypePoolCache {
  private static final int MAX_TYPES_PER_LOADER = 2048;

  private final Map<ClassLoader, TypePool.CacheProvider> caches =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final TypePool.CacheProvider bootCache = new Bounded();

  /** Returns a locator of the class files {@code classLoader} sees that holds the loader weakly. */
  static ClassFileLocator classFilesOf(ClassLoader classLoader) {
    return ClassFileLocator.ForClassLoader.WeaklyReferenced.of(classLoader);
  }

  /**
   * Returns a type pool reading through {@code classFileLocator}, sharing the loader's cache.
   *
   * @param classFileLocator a locator that holds {@code classLoader} weakly ({@link
   *     #classFilesOf}), as the cache keeps it
   */
  TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader) {
    return new TypePool.Default.WithLazyResolution(
        cacheFor(classLoader), classFileLocator, TypePool.Default.ReaderMode.FAST);
  }

  private TypePool.CacheProvider cacheFor(ClassLoader classLoader) {
    if (classLoader == null) {
      return bootCache;
    }
    synchronized (caches) {
      TypePool.CacheProvider cache = caches.get(classLoader);
      if (cache == null) {
        cache = new Bounded();
        caches.put(classLoader, cache);
      }
      return cache;
    }
  }

  /** A least-recently-used cache of type resolutions, softly held. */
  private static final class Bounded implements TypePool.CacheProvider {
    private final Map<String, SoftReference<TypePool.Resolution>> resolutions =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(
              Map.Entry<String, SoftReference<TypePool.Resolution>> eldest) {
            return size() > MAX_TYPES_PER_LOADER;
          }
        };

    @Override
    public synchronized TypePool.Resolution find(String name) {
      SoftReference<TypePool.Resolution> reference = resolutions.get(name);
      return reference == null ? null : reference.get();
    }

    @Override
    public synchronized TypePool.Resolution register(String name, TypePool.Resolution resolution) {
      TypePool.Resolution known = find(name);
      if (known != null) {
        return known;
      }
      resolutions.put(name, new SoftReference<>(resolution));
      return resolution;
    }

    @Override
    public synchronized void clear() {
      resolutions.clear();
    }
  }
}
