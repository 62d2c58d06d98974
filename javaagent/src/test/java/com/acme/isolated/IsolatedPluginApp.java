package com.acme.isolated;

import dev.weft.annotations.Workflow;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * An application that runs a plugin in a class loader whose parent is the platform loader, as
 * plugin systems and some servers isolate their modules: the plugin brings its classes and Weft's
 * annotations, and nothing of the application's class path is visible from it.
 */
public final class IsolatedPluginApp {
  private IsolatedPluginApp() {}

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    URL[] plugin = {location(IsolatedPluginApp.class), location(Workflow.class)};
    try (URLClassLoader isolated =
        new URLClassLoader("isolated", plugin, ClassLoader.getPlatformClassLoader())) {
      Function<String, String> tariff =
          (Function<String, String>)
              isolated
                  .loadClass("com.acme.isolated.plugin.Tariff")
                  .getDeclaredConstructor()
                  .newInstance();
      System.out.println(tariff.apply("north"));
    }
  }

  private static URL location(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toUri()
        .toURL();
  }
}
