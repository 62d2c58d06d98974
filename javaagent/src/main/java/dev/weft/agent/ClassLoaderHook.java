package dev.weft.agent;

import dev.weft.bootstrap.AgentClasses;
import dev.weft.internal.WeftLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Weaves {@code ClassLoader.loadClass(String)}, through which the JVM resolves every class a
 * loader's classes refer to, so that it first asks {@link AgentClasses} and returns the agent's
 * class for Weft's runtime packages:
 *
 * <pre>
 * Class&lt;?&gt; found = AgentClasses.find(this, name);
 * if (found != null) return found;
 * ... the method as it was
 * </pre>
 *
 * <p>Written with ASM rather than Byte Buddy's advice: it must be in place before the application's
 * first class loads, and Byte Buddy's advice machinery is several hundred classes to load first.
 * The transformer stays registered, so the method keeps the hook when another agent transforms the
 * class again.
 */
final class ClassLoaderHook implements ClassFileTransformer {
  private static final String CLASS_LOADER = "java/lang/ClassLoader";
  private static final String LOAD_CLASS = "loadClass";
  private static final String LOAD_CLASS_DESCRIPTOR = "(Ljava/lang/String;)Ljava/lang/Class;";

  private volatile boolean installed;
  private volatile Throwable failure;

  private ClassLoaderHook() {}

  /**
   * Registers the hook and weaves the loaded {@code ClassLoader} class.
   *
   * @throws IllegalStateException when the class could not be woven: no application class could
   *     then reach the runtime
   */
  static void install(Instrumentation instrumentation) {
    ClassLoaderHook hook = new ClassLoaderHook();
    instrumentation.addTransformer(hook, true);
    try {
      instrumentation.retransformClasses(ClassLoader.class);
    } catch (Exception | LinkageError e) {
      instrumentation.removeTransformer(hook);
      throw new IllegalStateException("cannot weave ClassLoader.loadClass: " + e, e);
    }
    if (hook.failure != null) {
      instrumentation.removeTransformer(hook);
      throw new IllegalStateException(
          "cannot weave ClassLoader.loadClass: " + hook.failure, hook.failure);
    }
    hook.installed = true;
  }

  @Override
  public byte[] transform(
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (loader != null || !CLASS_LOADER.equals(className)) {
      return null;
    }
    try {
      return weave(classFile);
    } catch (RuntimeException | LinkageError e) {
      if (installed) {
        // Another agent transforms the class again; it goes on without the hook.
        WeftLog.error("cannot weave ClassLoader.loadClass again", e);
      } else {
        failure = e;
      }
      return null;
    }
  }

  static byte[] weave(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor method =
                super.visitMethod(access, name, descriptor, signature, exceptions);
            return LOAD_CLASS.equals(name) && LOAD_CLASS_DESCRIPTOR.equals(descriptor)
                ? new AskAgentFirst(method)
                : method;
          }
        },
        0);
    return writer.toByteArray();
  }

  /** Puts the call to {@link AgentClasses#find} before the method's own code. */
  private static final class AskAgentFirst extends MethodVisitor {
    AskAgentFirst(MethodVisitor method) {
      super(Opcodes.ASM9, method);
    }

    @Override
    public void visitCode() {
      super.visitCode();
      visitVarInsn(Opcodes.ALOAD, 0);
      visitVarInsn(Opcodes.ALOAD, 1);
      visitMethodInsn(
          Opcodes.INVOKESTATIC,
          "dev/weft/bootstrap/AgentClasses",
          "find",
          "(Ljava/lang/ClassLoader;Ljava/lang/String;)Ljava/lang/Class;",
          false);
      visitInsn(Opcodes.DUP);
      Label own = new Label();
      visitJumpInsn(Opcodes.IFNULL, own);
      visitInsn(Opcodes.ARETURN);
      visitLabel(own);
      // The locals are the method's arguments, as on entry; the later frames stay valid, since
      // they are each relative to the one before and this one keeps the locals as they were.
      visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {"java/lang/Class"});
      visitInsn(Opcodes.POP);
    }
  }
}
