package dev.weft.agent;

import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import dev.weft.instrumentation.api.LibraryInstrumentation;
import dev.weft.instrumentation.langchain4j.LangChain4jInstrumentation;
import dev.weft.instrumentation.mcp.McpInstrumentation;
import dev.weft.instrumentation.openai.OpenAiJavaInstrumentation;
import dev.weft.instrumentation.springai.SpringAiInstrumentation;
import dev.weft.internal.TraceStartGate;
import dev.weft.internal.WeftLog;
import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.jar.JarFile;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Installs the agent from the agent's class loader: connects the runtime to the JVM's other loaders
 * ({@link RuntimeClasses}), reads the configuration, configures tracing, and registers the class
 * transformers that weave span methods and carry the trace context into JDK executors.
 */
final class AgentInstaller {
  /** The libraries the agent traces with no code change. */
  static final List<LibraryInstrumentation> LIBRARIES =
      List.of(
          new LangChain4jInstrumentation(),
          new SpringAiInstrumentation(),
          new OpenAiJavaInstrumentation(),
          new McpInstrumentation());

  private AgentInstaller() {}

  /**
   * Installs the agent.
   *
   * @param agentArgs the agent argument string, or null
   * @param instrumentation the JVM's instrumentation
   * @param attached whether the agent was loaded into a running JVM, whose loaded classes are then
   *     transformed again
   * @param runtime the runtime jar the agent's class loader reads, or null when the runtime is on
   *     the boot class path already
   */
  static void install(
      String agentArgs, Instrumentation instrumentation, boolean attached, JarFile runtime) {
    long start = System.nanoTime();
    ClassFileLocator advice = adviceLocator(runtime);
    ClassLoader own = AgentInstaller.class.getClassLoader();
    if (runtime != null && own != null) {
      RuntimeClasses.connect(instrumentation, runtime, own);
      ClassLoaderHook.install(instrumentation);
    } else {
      // Put on the boot class path by hand: every loader finds the runtime there already.
      RuntimeClasses.installContextHooks();
    }
    long hooked = System.nanoTime();
    WovenClassCache cache = WovenClassCache.open(runtime);
    weaveExecutorsInTheBackground(instrumentation, advice, cache);

    WeftConfig config = WeftConfig.load(agentArgs);
    // At start-up the exporters start on a thread of their own; the first trace waits for them.
    Tracing.configure(config, !attached);
    long configured = System.nanoTime();

    MethodByMethodRetry methods = SpanInstrumentation.transformer(config, advice);
    WeavingTransformer.installAndRetransform(instrumentation, methods, methods.weaving(), attached);
    long spanMethods = System.nanoTime();

    if (!config.disabled()) {
      LibraryWeaving.install(instrumentation, config, LIBRARIES, advice, cache, attached);
      if (config.getBoolean(
          "weft.instrumentation.opentelemetry.enabled",
          config.getBoolean("weft.instrumentation.default-enabled", true))) {
        OpenTelemetryDetection.install(instrumentation, advice, attached);
      }
      loadExceptionPath();
      if (!attached) {
        SpanWarmUp.arrange(cache, methods);
      }
    }

    long millis = (System.nanoTime() - start) / 1_000_000;
    if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
      WeftLog.debug(
          "start-up: class loaders "
              + (hooked - start) / 1_000_000
              + " ms, configuration "
              + (configured - hooked) / 1_000_000
              + " ms, span methods "
              + (spanMethods - configured) / 1_000_000
              + " ms, libraries "
              + (System.nanoTime() - spanMethods) / 1_000_000
              + " ms");
    }
    WeftLog.info(
        "agent "
            + (attached ? "attached" : "started")
            + " in "
            + millis
            + " ms"
            + (config.disabled() ? "; tracing is disabled" : "; exporters " + config.exporters()));
  }

  /**
   * Weaves the JDK's executors, threads and timers on a thread of its own, while the application
   * starts: it is most of the agent's start-up, and only matters once a trace runs. A trace that
   * starts earlier waits for it ({@link TraceStartGate}).
   */
  private static void weaveExecutorsInTheBackground(
      Instrumentation instrumentation, ClassFileLocator advice, WovenClassCache cache) {
    CountDownLatch done = new CountDownLatch(1);
    TraceStartGate.closeUntil(done);
    Thread weaving =
        new Thread(
            () -> {
              long start = System.nanoTime();
              try {
                WeavingTransformer executors =
                    ExecutorInstrumentation.install(instrumentation, advice, cache);
                if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
                  WeftLog.debug(
                      "start-up: executors "
                          + (System.nanoTime() - start) / 1_000_000
                          + " ms; JDK classes loaded so far: "
                          + executors.counts());
                }
              } catch (Throwable t) {
                WeftLog.error(
                    "cannot weave the JDK's executors; work handed to them leaves its trace", t);
              } finally {
                done.countDown();
              }
            },
            "weft-jdk-hooks");
    weaving.setDaemon(true);
    weaving.start();
  }

  /**
   * Loads the classes that record a failure and end a span now rather than the first time a traced
   * method fails: a method that fails for a stack overflow fails with no stack left, and loading a
   * class there runs the class-file transformers with none either (the JVM then reports a failed
   * transform).
   */
  private static void loadExceptionPath() {
    for (String name :
        new String[] {
          "dev.weft.data.SpanError",
          "dev.weft.data.ExceptionFacts",
          "dev.weft.SpanRecord",
          "dev.weft.internal.Ids",
          "dev.weft.weaver.SequenceResults"
        }) {
      try {
        Class.forName(name, true, AgentInstaller.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        WeftLog.debug("could not load " + name + " ahead: " + e);
      }
    }
  }

  /** Returns where the advice class files are read from: the runtime jar, when there is one. */
  static ClassFileLocator adviceLocator(JarFile runtime) {
    return runtime != null
        ? new ClassFileLocator.ForJarFile(runtime)
        : ClassFileLocator.ForClassLoader.of(AgentInstaller.class.getClassLoader());
  }
}
