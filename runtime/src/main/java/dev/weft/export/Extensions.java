package dev.weft.export;

import dev.weft.config.WeftConfig;
import dev.weft.internal.WeftLog;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class loader of the jars named by {@code weft.extensions}: exporters and processors of third
 * parties with their own dependencies. Its parent is the loader of Weft's runtime, so an extension
 * sees Weft's API and the JDK; under the java agent, where the runtime has a class loader of its
 * own, it does not see the application's class path, and the application does not see it.
 */
final class Extensions {
  private Extensions() {}

  /** Returns the loader of the configured extension jars, or null when none is configured. */
  static ClassLoader loader(WeftConfig config) {
    String value = config.get("weft.extensions");
    if (value == null || value.isBlank()) {
      return null;
    }
    List<URL> urls = new ArrayList<>();
    for (String part : value.split("[,;]")) {
      String name = part.strip();
      if (name.isEmpty()) {
        continue;
      }
      try {
        Path jar = Path.of(name).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
          config.reportBadValue(
              "weft.extensions", name, "paths of readable jar files", "leaving it out");
          continue;
        }
        urls.add(jar.toUri().toURL());
      } catch (InvalidPathException | MalformedURLException e) {
        config.reportBadValue(
            "weft.extensions", name, "paths of readable jar files", "leaving it out");
      }
    }
    if (urls.isEmpty()) {
      return null;
    }
    WeftLog.debug("extensions: " + urls);
    return new URLClassLoader("weft-extensions", urls.toArray(new URL[0]), parent());
  }

  private static ClassLoader parent() {
    ClassLoader own = Extensions.class.getClassLoader();
    return own != null ? own : ClassLoader.getPlatformClassLoader();
  }
}
