package dev.weft.export.otlp;

import io.opentelemetry.common.ComponentLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the OpenTelemetry SDK's pluggable parts, keeping only the JDK's HTTP sender where it is one
 * of several. With the OkHttp senders present for gRPC, the HTTP exporter would otherwise find two
 * HTTP senders, warn, and take either; the JDK's client needs no further library and is the one
 * Weft sends HTTP with.
 */
final class JdkSenderFirst implements ComponentLoader {
  /** Part of the package name of the SDK's sender on {@code java.net.http}, relocated or not. */
  private static final String JDK_SENDER_PACKAGE = ".exporter.sender.jdk.";

  private final ComponentLoader loader;

  JdkSenderFirst(ClassLoader classLoader) {
    this.loader = ComponentLoader.forClassLoader(classLoader);
  }

  @Override
  public <T> Iterable<T> load(Class<T> type) {
    List<T> all = new ArrayList<>();
    List<T> jdk = new ArrayList<>();
    for (T component : loader.load(type)) {
      all.add(component);
      if (component.getClass().getName().contains(JDK_SENDER_PACKAGE)) {
        jdk.add(component);
      }
    }
    return jdk.isEmpty() ? all : jdk;
  }
}
