package dev.weft.agent;

import dev.weft.Scope;
import dev.weft.bootstrap.ContextHooks;
import dev.weft.weaver.ContextPropagation;
import java.util.TimerTask;
import java.util.concurrent.Callable;

/**
 * The runtime's side of {@link ContextHooks}: what the code woven into JDK classes reaches through
 * the boot loader. Binds tasks with {@link ContextPropagation} and remembers the context of work
 * the JDK keeps with {@link TaskContexts}.
 */
final class JdkContextHooks extends ContextHooks {

  @Override
  protected Runnable bind(Runnable task) {
    return ContextPropagation.wrap(task);
  }

  @Override
  protected Runnable bindUnlessFutureTask(Runnable task) {
    return ContextPropagation.wrapUnlessFutureTask(task);
  }

  @Override
  protected <T> Callable<T> bind(Callable<T> task) {
    return ContextPropagation.wrap(task);
  }

  @Override
  protected void remember(Object work) {
    TaskContexts.handOver(work);
  }

  @Override
  protected void rememberForThread(Thread thread) {
    TaskContexts.handOverThread(thread);
  }

  @Override
  protected boolean markPoolStart() {
    return TaskContexts.markPoolStart();
  }

  @Override
  protected void unmarkPoolStart() {
    TaskContexts.unmarkPoolStart();
  }

  @Override
  protected Object makeCurrent(Object work) {
    return TaskContexts.resume(work);
  }

  @Override
  protected void restore(Object resumed) {
    if (resumed instanceof Scope) {
      TaskContexts.end((Scope) resumed);
    }
  }

  @Override
  protected void runScheduled(TimerTask task) {
    TaskContexts.runTimerTask(task);
  }
}
