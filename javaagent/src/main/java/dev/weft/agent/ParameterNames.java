package dev.weft.agent;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.method.ParameterList;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * Finds the parameter names of the methods of one type being woven: from the {@code
 * MethodParameters} attribute ({@code -parameters}) when present, else from debug information,
 * which is read only for types that need it, by parsing their class file a second time with method
 * bodies.
 */
final class ParameterNames {
  private final TypeDescription type;
  private final ClassFileLocator classFile;
  private TypeDescription withDebugInformation;
  private boolean parsed;

  /**
   * @param type the type being woven
   * @param classFile where its class file (the one being woven) and its class loader's are read
   */
  ParameterNames(TypeDescription type, ClassFileLocator classFile) {
    this.type = type;
    this.classFile = classFile;
  }

  /** Returns the names of the method's parameters; an entry is null when no name is known. */
  String[] of(MethodDescription method) {
    ParameterList<?> parameters = method.getParameters();
    String[] names = new String[parameters.size()];
    boolean complete = true;
    for (ParameterDescription parameter : parameters) {
      if (parameter.isNamed()) {
        names[parameter.getIndex()] = parameter.getName();
      } else {
        complete = false;
      }
    }
    if (!complete) {
      fillFromDebugInformation(method, names);
    }
    return names;
  }

  private synchronized void fillFromDebugInformation(MethodDescription method, String[] names) {
    try {
      if (!parsed) {
        parsed = true;
        TypePool pool =
            new TypePool.Default(
                new TypePool.CacheProvider.Simple(),
                classFile,
                TypePool.Default.ReaderMode.EXTENDED);
        TypePool.Resolution resolution = pool.describe(type.getName());
        withDebugInformation = resolution.isResolved() ? resolution.resolve() : null;
      }
      if (withDebugInformation == null) {
        return;
      }
      for (MethodDescription candidate :
          withDebugInformation
              .getDeclaredMethods()
              .filter(
                  ElementMatchers.hasMethodName(method.getInternalName())
                      .and(ElementMatchers.hasDescriptor(method.getDescriptor())))) {
        for (ParameterDescription parameter : candidate.getParameters()) {
          if (parameter.isNamed() && names[parameter.getIndex()] == null) {
            names[parameter.getIndex()] = parameter.getName();
          }
        }
      }
    } catch (RuntimeException | LinkageError e) {
      // No class file or no debug information: the engine falls back to arg0, arg1, ...
    }
  }
}
