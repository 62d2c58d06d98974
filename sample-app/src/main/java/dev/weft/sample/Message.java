package dev.weft.sample;

/**
 * One chat message sent to or received from the model.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content the text of the message
 */
public record Message(String role, String content) {

  /** Returns a system message. */
  public static Message system(String content) {
    return new Message("system", content);
  }

  /** Returns a user message. */
  public static Message user(String content) {
    return new Message("user", content);
  }
}
