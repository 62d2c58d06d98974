package dev.weft.sample;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The text-to-speech service that records scripts. Like a real one under load, it is sometimes
 * busy: the first request of a session is refused, and a retry succeeds.
 */
final class AudioStudio {
  private static final long RECORDING_MILLIS = 35;
  private static final int WORDS_PER_MINUTE = 150;

  private final AtomicInteger busyAnswersLeft = new AtomicInteger(1);
  private final AtomicInteger recordings = new AtomicInteger();

  AudioFile record(String voice, String script) {
    if (busyAnswersLeft.getAndDecrement() > 0) {
      throw new StudioBusyException();
    }
    try {
      TimeUnit.MILLISECONDS.sleep(RECORDING_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long words = script.isBlank() ? 0 : script.strip().split("\\s+").length;
    return new AudioFile(
        "studio://recordings/" + voice + "/take-" + recordings.incrementAndGet() + ".mp3",
        Math.max(1, words * 60 / WORDS_PER_MINUTE));
  }

  /** The studio could not take the request now; trying again later can work. */
  static final class StudioBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StudioBusyException() {
      super("audio studio busy (HTTP 503), retry later");
    }
  }
}
