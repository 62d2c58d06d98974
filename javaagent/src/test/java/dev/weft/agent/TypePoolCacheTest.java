package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.hostile.plugin.ChurnPlugin;
import java.io.InputStream;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import org.junit.jupiter.api.Test;

class TypePoolCacheTest {
  private static final String PLUGIN = ChurnPlugin.class.getName().replace('.', '/');

  /** Describes every class and its supertypes, and weaves none. */
  private static final WeavingTransformer.Weaving DESCRIBE_ONLY =
      new WeavingTransformer.Weaving() {
        @Override
        public boolean mayWeave(ClassLoader classLoader, String internalName) {
          return true;
        }

        @Override
        public boolean matches(TypeDescription type) {
          type.getInterfaces().asErasures().forEach(TypeDescription::getDeclaredMethods);
          return false;
        }

        @Override
        public DynamicType.Builder<?> weave(
            DynamicType.Builder<?> builder,
            TypeDescription type,
            ClassLoader classLoader,
            ClassFileLocator classFile) {
          return builder;
        }
      };

  @Test
  void weave_leavesTheClassLoaderCollectable_withItsDescriptionsCached() throws Exception {
    WeavingTransformer transformer = new WeavingTransformer(DESCRIBE_ONLY, new TypePoolCache());
    byte[] classFile;
    try (InputStream in = ChurnPlugin.class.getResourceAsStream("ChurnPlugin.class")) {
      classFile = in.readAllBytes();
    }

    WeakReference<ClassLoader> loader = describeInNewLoader(transformer, classFile);
    for (int i = 0; i < 20 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(50);
    }

    assertThat(loader.get()).as("the class loader after a few collections").isNull();
    // The cache itself stays: it is what must not hold the loader.
    Reference.reachabilityFence(transformer);
  }

  private static WeakReference<ClassLoader> describeInNewLoader(
      WeavingTransformer transformer, byte[] classFile) throws Exception {
    URL classes = ChurnPlugin.class.getProtectionDomain().getCodeSource().getLocation();
    URLClassLoader loader = new URLClassLoader(new URL[] {classes}, null);
    assertThat(transformer.weave(loader, PLUGIN, classFile)).isNull();
    loader.close();
    return new WeakReference<>(loader);
  }
}
