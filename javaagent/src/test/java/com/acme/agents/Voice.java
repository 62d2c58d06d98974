package com.acme.agents;

import dev.weft.annotations.SpeechGroupSpan;
import dev.weft.annotations.SpeechSpan;
import dev.weft.annotations.TranscriptionSpan;
import java.nio.charset.StandardCharsets;

/** Speech in and out. */
public class Voice {
  @TranscriptionSpan(model = "whisper-test")
  public String transcribe(byte[] audio, String format) {
    return "hello from audio";
  }

  @SpeechSpan(model = "tts-test")
  public byte[] speak(String text) {
    return ("audio:" + text).getBytes(StandardCharsets.UTF_8);
  }

  @SpeechGroupSpan
  public void speakAll(String text) {
    speak(text);
  }
}
