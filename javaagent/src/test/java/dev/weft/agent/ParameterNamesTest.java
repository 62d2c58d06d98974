package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

class ParameterNamesTest {
  private static final String NAME = "com.acme.generated.Greeter";

  /** Serves one class file as a resource, as a class loader serves compiled classes. */
  private static final class OneClassLoader extends ClassLoader {
    private final byte[] bytes;

    OneClassLoader(byte[] bytes) {
      super(null);
      this.bytes = bytes;
    }

    @Override
    public InputStream getResourceAsStream(String name) {
      return name.equals(NAME.replace('.', '/') + ".class")
          ? new ByteArrayInputStream(bytes)
          : super.getResourceAsStream(name);
    }
  }

  @Test
  void of_withoutMethodParameters_readsTheNamesFromDebugInformation() {
    byte[] bytes = greeterWithDebugInformationOnly();
    TypeDescription type =
        new TypePool.Default(
                new TypePool.CacheProvider.Simple(),
                ClassFileLocator.Simple.of(NAME, bytes),
                TypePool.Default.ReaderMode.FAST)
            .describe(NAME)
            .resolve();
    MethodDescription greet =
        type.getDeclaredMethods().stream()
            .filter(m -> m.getName().equals("greet"))
            .findFirst()
            .orElseThrow();
    assertThat(greet.getParameters().get(0).isNamed()).isFalse();

    String[] names =
        new ParameterNames(type, ClassFileLocator.ForClassLoader.of(new OneClassLoader(bytes)))
            .of(greet);

    assertThat(names).containsExactly("who", "times");
  }

  @Test
  void of_withoutAnyNames_leavesNullsForTheEngineToNumber() {
    TypeDescription type = TypeDescription.ForLoadedType.of(Object.class);
    MethodDescription equals =
        type.getDeclaredMethods().stream()
            .filter(m -> m.getName().equals("equals"))
            .findFirst()
            .orElseThrow();

    String[] names =
        new ParameterNames(
                type, ClassFileLocator.ForClassLoader.of(new OneClassLoader(new byte[0])))
            .of(equals);

    assertThat(names).hasSize(1);
  }

  private static byte[] greeterWithDebugInformationOnly() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    writer.visit(
        Opcodes.V17, Opcodes.ACC_PUBLIC, NAME.replace('.', '/'), null, "java/lang/Object", null);
    MethodVisitor greet =
        writer.visitMethod(
            Opcodes.ACC_PUBLIC, "greet", "(Ljava/lang/String;I)Ljava/lang/String;", null, null);
    greet.visitCode();
    Label start = new Label();
    Label end = new Label();
    greet.visitLabel(start);
    greet.visitVarInsn(Opcodes.ALOAD, 1);
    greet.visitInsn(Opcodes.ARETURN);
    greet.visitLabel(end);
    String type = "L" + NAME.replace('.', '/') + ";";
    greet.visitLocalVariable("this", type, null, start, end, 0);
    greet.visitLocalVariable("who", "Ljava/lang/String;", null, start, end, 1);
    greet.visitLocalVariable("times", "I", null, start, end, 2);
    greet.visitMaxs(0, 0);
    greet.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }
}
