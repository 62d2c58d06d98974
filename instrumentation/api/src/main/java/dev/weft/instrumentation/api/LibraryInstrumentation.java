package dev.weft.instrumentation.api;

import java.util.List;

/**
 * A library the java agent traces with no code change: where it weaves advice, and for which
 * versions of the library. The agent weaves a class only when its class loader sees the library's
 * marker class and a supported version (checked once per class loader), and only while the
 * instrumentation is switched on ({@code weft.instrumentation.<name>.enabled}).
 */
public interface LibraryInstrumentation {

  /** Returns the name in {@code weft.instrumentation.<name>.enabled}, e.g. {@code langchain4j}. */
  String name();

  /** Returns the library's versions this instrumentation supports. */
  LibraryVersions versions();

  /** Returns the methods it weaves advice into. */
  List<Hook> hooks();
}
