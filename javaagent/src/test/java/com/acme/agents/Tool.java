package com.acme.agents;

import dev.weft.annotations.ToolSpan;

/** A generic tool interface; the annotation applies to every implementation. */
public interface Tool<I, O> {
  @ToolSpan
  O call(I input);
}
