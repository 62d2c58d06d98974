package dev.weft.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method that turns speech into text: each call becomes a {@code transcription} span.
 *
 * <p>The span records the audio input (its data and format), the text output and the model.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TranscriptionSpan {
  /** The model name; none when empty. */
  String model() default "";

  /** Whether the arguments of each call are recorded; {@code true} by default. */
  boolean captureArguments() default true;

  /** Whether the result of each call is recorded; {@code true} by default. */
  boolean captureResult() default true;
}
