package dev.weft.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.SpanRecord;
import dev.weft.Tracing;
import dev.weft.TracingProcessor;
import dev.weft.config.WeftConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

class MethodByMethodRetryTest {
  private static final String NAME = "com.acme.generated.Tools";
  private static final int NEARLY_TOO_LARGE = 65_500;

  /** Defines classes from bytes, delegating everything else to the test's class loader. */
  private static final class BytesLoader extends ClassLoader {
    BytesLoader() {
      super(MethodByMethodRetryTest.class.getClassLoader());
    }

    Class<?> define(byte[] bytes) {
      return defineClass(NAME, bytes, 0, bytes.length);
    }
  }

  @Test
  void transform_whenOneMethodCannotBeWoven_weavesTheOthersAndLeavesItAsItWas() throws Exception {
    Tracing.configure(WeftConfig.load("exporters=none"));
    List<SpanRecord> ended = new CopyOnWriteArrayList<>();
    Tracing.setProcessors(
        new TracingProcessor() {
          @Override
          public void onSpanEnd(SpanRecord span) {
            ended.add(span);
          }
        });
    MethodByMethodRetry transformer =
        SpanInstrumentation.transformer(WeftConfig.defaults(), AgentInstaller.adviceLocator(null));
    BytesLoader loader = new BytesLoader();

    byte[] woven =
        transformer.transform(loader, NAME.replace('.', '/'), null, null, toolsWithAHugeMethod());

    assertThat(woven).isNotNull();
    Class<?> type = loader.define(woven);
    Object tools = type.getConstructor().newInstance();
    assertThat(type.getMethod("small").invoke(tools)).isEqualTo("ok");
    assertThat(type.getMethod("huge").invoke(tools)).isEqualTo("big");
    assertThat(ended).extracting(s -> s.data().displayName()).containsExactly("small");
  }

  /** A class with two tool methods, one of them too large to take the advice. */
  private static byte[] toolsWithAHugeMethod() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
    writer.visit(
        Opcodes.V17, Opcodes.ACC_PUBLIC, NAME.replace('.', '/'), null, "java/lang/Object", null);
    MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    tool(writer, "small", "ok", 0);
    tool(writer, "huge", "big", NEARLY_TOO_LARGE);
    writer.visitEnd();
    return writer.toByteArray();
  }

  private static void tool(ClassWriter writer, String name, String result, int padding) {
    MethodVisitor method =
        writer.visitMethod(Opcodes.ACC_PUBLIC, name, "()Ljava/lang/String;", null, null);
    method.visitAnnotation("Ldev/weft/annotations/ToolSpan;", true).visitEnd();
    method.visitCode();
    for (int i = 0; i < padding; i++) {
      method.visitInsn(Opcodes.NOP);
    }
    method.visitLdcInsn(result);
    method.visitInsn(Opcodes.ARETURN);
    method.visitMaxs(0, 0);
    method.visitEnd();
  }
}
