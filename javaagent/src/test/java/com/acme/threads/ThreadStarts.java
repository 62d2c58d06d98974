package com.acme.threads;

import dev.weft.agent.TaskContexts;

/**
 * Application code starting a thread, as the woven {@code Thread.start} reports it: the call to
 * {@link TaskContexts#handOverThread} made from a class of the application, not of the agent or the
 * JDK.
 */
public final class ThreadStarts {
  private ThreadStarts() {}

  /** Hands the current context over to {@code thread}, as its start by this class would. */
  public static void start(Thread thread) {
    TaskContexts.handOverThread(thread);
  }
}
