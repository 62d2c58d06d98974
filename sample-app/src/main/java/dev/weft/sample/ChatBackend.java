package dev.weft.sample;

import java.util.List;

/** A chat-completions service: the scripted offline model or a real endpoint. */
interface ChatBackend {

  /** Returns the model's answer to {@code messages}; {@code agent} names the calling agent. */
  ModelResponse complete(String agent, List<Message> messages);

  /** Returns a short description for the console, such as the model name. */
  String describe();
}
