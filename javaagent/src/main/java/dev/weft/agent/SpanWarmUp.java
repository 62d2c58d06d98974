package dev.weft.agent;

import dev.weft.internal.WeftLog;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sets up the weaving of span methods ahead of need, on a thread of its own, for an application
 * whose earlier start wove its first span class well after the agent started.
 *
 * <p>The first class woven for its span methods sets up Byte Buddy, the type pool and the span
 * advice on the thread that loads it, the application's main thread as a rule: about 75 ms of CPU
 * on a hello world, more under a Spring Boot start-up, whose span classes load seconds after the
 * agent starts while the second core is often idle. Done ahead, on {@code weft-warm-up}, the set-up
 * overlaps the application's own start. An application that has no span classes (one traced only
 * through its libraries) would pay for it and gain nothing, and one whose first span class loads as
 * soon as the agent has started (a hello world's main class) would only have two threads do the
 * set-up at once. So it is done ahead only when the same application, by its main class or jar and
 * its class path, wove its first span class at least 0.3 s after the agent started at an earlier
 * start; that start leaves a note in the woven class cache, and a start whose first span class
 * comes sooner removes it. Without the cache nothing is done ahead.
 *
 * <p>The set-up rehearses a weave of a JDK class that holds no span method, as a class of the
 * system class loader, and drops the result: no method is registered and nothing is defined.
 */
final class SpanWarmUp {
  private static final String REHEARSED = "java/util/concurrent/atomic/AtomicBoolean";
  // The set-up takes about a tenth of a second beside the application's start; a span class loaded
  // sooner after the agent starts (a hello world's main class) would wait for it as long, with the
  // two threads sharing the cores, and be no better off.
  private static final long LATE_NANOS = 300_000_000L;

  private SpanWarmUp() {}

  /**
   * Starts the set-up when an earlier start of this application left its note in {@code cache}, and
   * has {@code spans} make or remove the note at its first weave, as that weave comes late or soon.
   * Does nothing without a cache.
   */
  static void arrange(WovenClassCache cache, MethodByMethodRetry spans) {
    if (cache == null) {
      return;
    }
    String fact = "span classes woven late\n" + application();
    boolean noted = cache.noted(fact);
    if (noted) {
      start(spans.weaving());
    }
    // The note follows the application: made when its first span class loads late, removed when
    // that class comes early after all (the application changed).
    long agentStarted = System.nanoTime();
    spans.onFirstWeave(
        () -> {
          boolean late = System.nanoTime() - agentStarted >= LATE_NANOS;
          if (late && !noted) {
            cache.note(fact);
          } else if (!late && noted) {
            cache.forget(fact);
          }
        });
  }

  /**
   * The application, as far as a start can tell before it runs: its main class or jar, its class
   * path.
   */
  static String application() {
    String command = System.getProperty("sun.java.command", "");
    int space = command.indexOf(' ');
    return (space < 0 ? command : command.substring(0, space))
        + "\n"
        + System.getProperty("java.class.path", "");
  }

  private static void start(WeavingTransformer spans) {
    Thread thread = new Thread(() -> rehearse(spans), "weft-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void rehearse(WeavingTransformer spans) {
    long start = System.nanoTime();
    try (InputStream in = ClassLoader.getSystemResourceAsStream(REHEARSED + ".class")) {
      if (in == null) {
        return;
      }
      spans.rehearse(ClassLoader.getSystemClassLoader(), REHEARSED, in.readAllBytes());
      if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
        WeftLog.debug(
            "start-up: span weaving set up ahead in "
                + (System.nanoTime() - start) / 1_000_000
                + " ms");
      }
    } catch (IOException | RuntimeException | LinkageError e) {
      if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
        WeftLog.debug("start-up: span weaving not set up ahead: " + e);
      }
    }
  }
}
