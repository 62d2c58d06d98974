package com.acme.hostile;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An application that loads a traced plugin 200 times, each time in a class loader of its own,
 * calls it, and drops the loader; then prints how many of the loaders the garbage collector could
 * not free. Without an agent none stays (the last one at most).
 */
public final class ClassLoaderChurnApp {
  private static final String PLUGIN = "com.acme.hostile.plugin.ChurnPlugin";
  private static final int LOADERS = 200;

  private ClassLoaderChurnApp() {}

  public static void main(String[] args) throws Exception {
    URL classes =
        Path.of(
                ClassLoaderChurnApp.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .toUri()
            .toURL();
    List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
    for (int i = 0; i < LOADERS; i++) {
      loaders.add(new WeakReference<>(callPlugin(classes, "order-" + i)));
    }
    int reachable = LOADERS;
    for (int attempt = 0; attempt < 10 && reachable > 0; attempt++) {
      System.gc();
      Thread.sleep(100);
      reachable = 0;
      for (WeakReference<ClassLoader> loader : loaders) {
        if (loader.get() != null) {
          reachable++;
        }
      }
    }
    System.out.println("reachable loaders " + reachable + " of " + LOADERS);
    if (args.length > 0 && args[0].equals("wait")) {
      System.out.println("waiting");
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /** Loads the plugin in a new class loader, calls it once and returns the loader. */
  @SuppressWarnings("unchecked")
  private static ClassLoader callPlugin(URL classes, String id) throws Exception {
    try (PluginLoader loader = new PluginLoader(classes)) {
      Function<String, String> plugin =
          (Function<String, String>)
              loader.loadClass(PLUGIN).getDeclaredConstructor().newInstance();
      String answer = plugin.apply(id);
      if (!answer.equals("placed " + id + " opened Ticket " + id)) {
        throw new AssertionError("ASSERTION FAILED: " + answer);
      }
      return loader;
    }
  }

  /** Loads the plugin's package itself rather than from its parent, the application loader. */
  private static final class PluginLoader extends URLClassLoader {
    PluginLoader(URL classes) {
      super(new URL[] {classes}, ClassLoaderChurnApp.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("com.acme.hostile.plugin.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          loaded = findClass(name);
        }
        if (resolve) {
          resolveClass(loaded);
        }
        return loaded;
      }
    }
  }
}
