package dev.weft.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The class loader of Weft's runtime under the agent: the runtime jar's classes and resources, with
 * the platform loader as parent so that the runtime sees every JDK module (the exporters use {@code
 * java.net.http}) and nothing of the application. Other loaders reach the runtime through {@code
 * dev.weft.bootstrap.AgentClasses}. Refers to JDK types only, like {@link WeftAgent}.
 */
final class AgentLoader extends ClassLoader {
  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain domain;

  AgentLoader(File file, JarFile jar) throws MalformedURLException {
    super("weft", ClassLoader.getPlatformClassLoader());
    this.jar = jar;
    URL location = file.toURI().toURL();
    this.jarUrl = "jar:" + location + "!/";
    this.domain =
        new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
  }

  /** The runtime jar this loader reads. */
  JarFile jar() {
    return jar;
  }

  /**
   * Loads the runtime's own classes (all under {@code dev.weft}) without asking the parent first:
   * the JDK has none of them, and the agent's start-up loads several hundred.
   */
  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (!name.startsWith("dev.weft.") || name.startsWith("dev.weft.bootstrap.")) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> type = findLoadedClass(name);
      if (type == null) {
        type = findClass(name);
      }
      if (resolve) {
        resolveClass(type);
      }
      return type;
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    String path = name.replace('.', '/').concat(".class");
    // The boot loader classes are defined there by the agent; a copy here would not be the one the
    // JDK's woven code calls.
    JarEntry entry = name.startsWith("dev.weft.bootstrap.") ? null : jar.getJarEntry(path);
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      long size = entry.getSize();
      bytes = size >= 0 ? in.readNBytes((int) size) : in.readAllBytes();
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      String pkg = name.substring(0, dot);
      if (getDefinedPackage(pkg) == null) {
        try {
          definePackage(pkg, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException e) {
          // defined by another thread meanwhile
        }
      }
    }
    return defineClass(name, bytes, 0, bytes.length, domain);
  }

  @Override
  protected URL findResource(String name) {
    if (jar.getJarEntry(name) == null) {
      return null;
    }
    try {
      return new URL(jarUrl + name);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(url));
  }
}
