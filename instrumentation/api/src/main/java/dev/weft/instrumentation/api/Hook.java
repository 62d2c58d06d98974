package dev.weft.instrumentation.api;

import java.util.List;
import java.util.Objects;

/**
 * One place a library instrumentation weaves advice into: the methods of a class (or of the classes
 * whose names start with a prefix) with a name and parameter types, and the advice class.
 *
 * @param className the binary name of the class whose code is woven, or a prefix of such names when
 *     {@code prefix} is true (for generated or nested classes whose number may change)
 * @param prefix whether {@code className} is a prefix
 * @param methodName the method's name
 * @param parameterTypes the binary names of the method's parameter types, in order; {@code *}
 *     stands for any type
 * @param adviceClass the binary name of the Byte Buddy advice class
 */
public record Hook(
    String className,
    boolean prefix,
    String methodName,
    List<String> parameterTypes,
    String adviceClass) {

  /** Creates a hook, copying the parameter types. */
  public Hook {
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(methodName, "methodName");
    parameterTypes = List.copyOf(parameterTypes);
    Objects.requireNonNull(adviceClass, "adviceClass");
  }

  /** Returns a hook on the method of the class of this exact name. */
  public static Hook method(
      String className, String methodName, List<String> parameterTypes, Class<?> advice) {
    return new Hook(className, false, methodName, parameterTypes, advice.getName());
  }

  /** Returns a hook on the method of every class whose name starts with {@code prefix}. */
  public static Hook methodOfClassesStartingWith(
      String prefix, String methodName, List<String> parameterTypes, Class<?> advice) {
    return new Hook(prefix, true, methodName, parameterTypes, advice.getName());
  }

  /** Returns the internal name (with slashes) of the class, or of the prefix. */
  public String internalName() {
    return className.replace('.', '/');
  }
}
