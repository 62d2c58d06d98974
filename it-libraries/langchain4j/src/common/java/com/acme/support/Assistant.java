package com.acme.support;

/** A support assistant: LangChain4j implements it. */
public interface Assistant {
  String chat(String message);
}
