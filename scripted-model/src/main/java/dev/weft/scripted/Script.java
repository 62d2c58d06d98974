package dev.weft.scripted;

/** Decides the scripted model's answer to a request. */
@FunctionalInterface
public interface Script {

  /** Returns the answer to {@code request}. */
  Reply answer(ModelRequest request);
}
