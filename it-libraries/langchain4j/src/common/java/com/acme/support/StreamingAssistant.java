package com.acme.support;

import dev.langchain4j.service.TokenStream;

/** The same assistant, answering as a stream. */
public interface StreamingAssistant {
  TokenStream chat(String message);
}
