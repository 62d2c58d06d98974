package dev.weft.weaver.aspectj;

import dev.weft.weaver.MethodSpanEngine;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds out whether a method overrides or implements a method that carries a span annotation.
 *
 * <p>AspectJ matches annotations only on the executing method itself, so a method whose span
 * annotation sits on an interface or superclass is recognised here, by reflection, once per method.
 */
final class InheritedSpans {
  private static final Set<String> SPAN_ANNOTATIONS =
      Set.copyOf(MethodSpanEngine.spanAnnotationNames());

  private InheritedSpans() {}

  /** Returns whether {@code method} or a method it overrides carries a span annotation. */
  static boolean declaresOrInherits(Method method) {
    if (hasSpanAnnotation(method)) {
      return true;
    }
    int modifiers = method.getModifiers();
    if (Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers)) {
      return false;
    }
    Deque<Class<?>> pending = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    pending.add(method.getDeclaringClass());
    while (!pending.isEmpty()) {
      Class<?> type = pending.poll();
      if (!seen.add(type)) {
        continue;
      }
      if (type != method.getDeclaringClass() && overriddenIn(type, method)) {
        return true;
      }
      if (type.getSuperclass() != null && type.getSuperclass() != Object.class) {
        pending.add(type.getSuperclass());
      }
      pending.addAll(List.of(type.getInterfaces()));
    }
    return false;
  }

  private static boolean overriddenIn(Class<?> type, Method method) {
    for (Method candidate : type.getDeclaredMethods()) {
      if (candidate.getName().equals(method.getName())
          && !candidate.isBridge()
          && overridable(candidate, method)
          && parametersAccept(candidate.getParameterTypes(), method.getParameterTypes())
          && hasSpanAnnotation(candidate)) {
        return true;
      }
    }
    return false;
  }

  private static boolean overridable(Method candidate, Method method) {
    int modifiers = candidate.getModifiers();
    if (Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers)) {
      return false;
    }
    if (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)) {
      return true;
    }
    // Package-private methods are only overridden from the same package.
    return Objects.equals(
        candidate.getDeclaringClass().getPackageName(),
        method.getDeclaringClass().getPackageName());
  }

  // Generic parameters erase to a supertype in the declaration (T -> Object), hence assignable.
  private static boolean parametersAccept(Class<?>[] declared, Class<?>[] actual) {
    if (declared.length != actual.length) {
      return false;
    }
    for (int i = 0; i < declared.length; i++) {
      if (!declared[i].isAssignableFrom(actual[i])) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasSpanAnnotation(Method method) {
    for (Annotation annotation : method.getDeclaredAnnotations()) {
      if (SPAN_ANNOTATIONS.contains(annotation.annotationType().getName())) {
        return true;
      }
    }
    return false;
  }
}
