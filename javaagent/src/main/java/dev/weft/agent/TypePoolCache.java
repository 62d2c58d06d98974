package dev.weft.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Type descriptions shared between class loads, so the supertypes of the classes being matched
 * (parsed to find annotated interface methods) are parsed once per class loader rather than once
 * per subclass. Bounded per class loader, and class loaders are held weakly, so the cache never
 * grows with the application or keeps a class loader alive.
 */
final class TypePoolCache implements AgentBuilder.PoolStrategy {
  private static final int MAX_TYPES_PER_LOADER = 2048;

  private final Map<ClassLoader, TypePool.CacheProvider> caches =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final TypePool.CacheProvider bootCache = new Bounded();

  @Override
  public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader) {
    return new TypePool.Default.WithLazyResolution(
        cacheFor(classLoader), classFileLocator, TypePool.Default.ReaderMode.FAST);
  }

  @Override
  public TypePool typePool(
      ClassFileLocator classFileLocator, ClassLoader classLoader, String name) {
    return typePool(classFileLocator, classLoader);
  }

  private TypePool.CacheProvider cacheFor(ClassLoader classLoader) {
    if (classLoader == null) {
      return bootCache;
    }
    return caches.computeIfAbsent(classLoader, loader -> new Bounded());
  }

  /** A least-recently-used cache of type resolutions. */
  private static final class Bounded implements TypePool.CacheProvider {
    private final Map<String, TypePool.Resolution> resolutions =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, TypePool.Resolution> eldest) {
            return size() > MAX_TYPES_PER_LOADER;
          }
        };

    @Override
    public synchronized TypePool.Resolution find(String name) {
      return resolutions.get(name);
    }

    @Override
    public synchronized TypePool.Resolution register(String name, TypePool.Resolution resolution) {
      TypePool.Resolution known = resolutions.putIfAbsent(name, resolution);
      return known != null ? known : resolution;
    }

    @Override
    public synchronized void clear() {
      resolutions.clear();
    }
  }
}
