package dev.weft.agent;

import dev.weft.internal.WeftLog;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Reports the transformers' work on the agent's own log at debug level: a class that cannot be
 * woven is skipped (the application keeps its original class), never a failure.
 */
final class TransformLogger extends AgentBuilder.Listener.Adapter {
  @Override
  public void onTransformation(
      TypeDescription type,
      ClassLoader classLoader,
      JavaModule module,
      boolean loaded,
      DynamicType dynamicType) {
    if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
      WeftLog.debug("woven " + type.getName());
    }
  }

  @Override
  public void onError(
      String typeName,
      ClassLoader classLoader,
      JavaModule module,
      boolean loaded,
      Throwable throwable) {
    if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
      WeftLog.debug("cannot weave " + typeName + ", left as it is: " + throwable);
    }
  }
}
