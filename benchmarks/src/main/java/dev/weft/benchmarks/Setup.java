package dev.weft.benchmarks;

import java.util.List;

/**
 * One JVM configuration of the side-by-side run: the agent attached (or none), its settings, and
 * which benchmark methods of {@link AnnotatedMethodBenchmark} run under it.
 *
 * @param name the configuration's name in the report, for example {@code weft-noop}
 * @param expect which agent should trace: {@code none}, {@code weft} or {@code otel}
 * @param agent the agent jar, or {@code null} for none
 * @param jvmArgs the JVM arguments of the fork, {@code -javaagent} included
 * @param benchmarks the benchmark method names run under this configuration
 * @param description what the configuration stands for, one line
 */
record Setup(
    String name,
    String expect,
    java.nio.file.Path agent,
    List<String> jvmArgs,
    List<String> benchmarks,
    String description) {}
