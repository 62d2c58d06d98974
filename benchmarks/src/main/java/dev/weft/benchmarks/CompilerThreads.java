package dev.weft.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time the JIT compiler threads of another JVM have taken, read from Linux's {@code
 * /proc/<pid>/task}: how a launch tells, from outside the application, whether its code is still
 * being compiled. HotSpot names those threads {@code C1 CompilerThread<n>} and {@code C2
 * CompilerThread<n>}, which the kernel keeps as their first 15 characters.
 *
 * <p>HotSpot starts and stops compiler threads as its queue grows and shrinks; a thread that ended
 * between two readings takes the CPU it used since the first with it, so a reading is a lower bound
 * while the compilers are busy, and exact once they are quiet, which is what it is read for.
 */
final class CompilerThreads {
  /** The kernel's clock ticks per second in {@code /proc/<pid>/task/<tid>/stat}. */
  private static final long TICKS_PER_SECOND = 100;

  private final Path tasks;
  // Each compiler thread's CPU ticks at the last reading, by thread id.
  private Map<String, Long> last = new HashMap<>();

  private CompilerThreads(Path tasks) {
    this.tasks = tasks;
  }

  /** Returns a reader of {@code pid}'s compiler threads; null where {@code /proc} does not tell. */
  static CompilerThreads of(long pid) {
    CompilerThreads threads = new CompilerThreads(Path.of("/proc", Long.toString(pid), "task"));
    return threads.read() == null ? null : threads;
  }

  /**
   * Returns the CPU milliseconds the compiler threads took since the last call (since {@link #of}
   * for the first), or -1 when they can no longer be read (the process ended).
   */
  long millisSinceLastReading() {
    Map<String, Long> now = read();
    if (now == null) {
      return -1;
    }
    long ticks = 0;
    for (Map.Entry<String, Long> thread : now.entrySet()) {
      ticks += thread.getValue() - last.getOrDefault(thread.getKey(), 0L);
    }
    last = now;
    return ticks * 1000 / TICKS_PER_SECOND;
  }

  /** Reads each compiler thread's user and system ticks; null when the process cannot be read. */
  private Map<String, Long> read() {
    Map<String, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
      for (Path thread : threads) {
        try {
          String name = Files.readString(thread.resolve("comm")).strip();
          if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            ticks.put(
                thread.getFileName().toString(),
                cpuTicks(Files.readString(thread.resolve("stat"))));
          }
        } catch (IOException ended) {
          // The thread ended while the folder was read: its files are gone (NoSuchFileException),
          // or, while it is being reaped, reading them fails with ESRCH. Either way it is no
          // longer a compiler thread to count; failing the whole reading would lose the others'.
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return ticks;
  }

  /**
   * Returns {@code utime + stime} from a {@code stat} line: the 14th and 15th fields, counted after
   * the name in parentheses, which may hold spaces.
   */
  static long cpuTicks(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // fields[0] is the 3rd field (state); utime is the 14th, stime the 15th.
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
