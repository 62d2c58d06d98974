package dev.weft.weaver.aspectj;

import dev.weft.internal.WeftLog;
import dev.weft.weaver.MethodDescriptor;
import dev.weft.weaver.MethodSpanEngine;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.aspectj.lang.JoinPoint;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.reflect.CodeSignature;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * Hands an advised call to the method-span engine, and remembers per join point whether it is
 * traced and with which descriptor.
 *
 * <p>Join points are cached per declaring class (a {@link ClassValue}), so the cache goes away with
 * the class and never keeps a class loader alive.
 */
final class AspectCalls {
  /** Cached for join points that turned out not to be traced. */
  private static final Object NOT_TRACED = new Object();

  private static final ClassValue<Map<JoinPoint.StaticPart, Object>> SITES =
      new ClassValue<>() {
        @Override
        protected Map<JoinPoint.StaticPart, Object> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  private AspectCalls() {}

  /**
   * Runs one advised call inside its span. The application's result is returned, and its exception
   * rethrown, as the very same instance; only a Reactor result comes back wrapped so that its span
   * ends when it terminates.
   */
  static Object trace(ProceedingJoinPoint call, JoinPoint.StaticPart site) throws Throwable {
    MethodDescriptor descriptor = descriptor(site);
    Object handle = null;
    if (descriptor != null) {
      try {
        Object[] args = MethodSpanEngine.needsArguments(descriptor) ? call.getArgs() : null;
        handle = MethodSpanEngine.enter(descriptor, args);
      } catch (Throwable t) {
        WeftLog.warnRateLimited("aspect-enter", "starting a method span failed", t);
      }
    }
    if (handle == null) {
      return call.proceed();
    }
    Object result;
    try {
      result = call.proceed();
    } catch (Throwable thrown) {
      MethodSpanEngine.exit(descriptor, handle, null, thrown);
      throw thrown;
    }
    return MethodSpanEngine.exit(descriptor, handle, result, null);
  }

  /** Returns whether the join point's method inherits a span annotation; never throws. */
  static boolean inheritsSpan(JoinPoint.StaticPart site) {
    return descriptor(site) != null;
  }

  /** Returns the descriptor of a traced join point, or null when it is not traced. */
  private static MethodDescriptor descriptor(JoinPoint.StaticPart site) {
    try {
      Map<JoinPoint.StaticPart, Object> known = SITES.get(site.getSignature().getDeclaringType());
      Object cached = known.get(site);
      if (cached == null) {
        cached = resolve(site);
        known.putIfAbsent(site, cached);
      }
      return cached == NOT_TRACED ? null : (MethodDescriptor) cached;
    } catch (Throwable t) {
      WeftLog.warnRateLimited("aspect-resolve", "resolving a traced method failed", t);
      return null;
    }
  }

  private static Object resolve(JoinPoint.StaticPart site) {
    if (!(site.getSignature() instanceof MethodSignature signature)) {
      return NOT_TRACED;
    }
    Method method = signature.getMethod();
    if (method == null || !InheritedSpans.declaresOrInherits(method)) {
      return NOT_TRACED;
    }
    String[] names = ((CodeSignature) signature).getParameterNames();
    return MethodSpanEngine.descriptorFor(method, names);
  }
}
