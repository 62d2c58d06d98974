package dev.weft.agent;

import dev.weft.config.MethodRule;
import dev.weft.weaver.MethodSpanEngine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;

/**
 * Decides what the agent weaves: which types are never looked at, which types hold span methods,
 * and which of their methods become spans (annotated, overriding an annotated method of a
 * superclass or interface, or named by a {@code weft.methods} rule).
 */
final class SpanMatchers {
  /**
   * Weft's own runtime packages under {@code dev.weft}; other {@code dev.weft} code (the sample
   * application, benchmarks, tests) is woven like any application.
   */
  private static final String WEFT_PREFIX = "dev/weft/";

  private static final String[] WEFT_PACKAGES = {
    "agent",
    "analysis",
    "annotations",
    "capture",
    "cli",
    "config",
    "data",
    "export",
    "instrumentation",
    "internal",
    "processor",
    "shaded",
    "tracefile",
    "viewer",
    "weaver"
  };

  private static final String[] IGNORED_PREFIXES = {
    "java/",
    "javax/",
    "jdk/",
    "sun/",
    "com/sun/",
    unrelocated("io", "opentelemetry", "javaagent"),
    "co/elastic/apm/",
    "datadog/",
    "com/datadog/",
    unrelocated("net", "bytebuddy"),
    "org/aspectj/",
    unrelocated("kotlin"),
    "scala/"
  };

  /**
   * Packages of widely used libraries, whose classes never name Weft's annotations (only an
   * application's own code does, and no application puts its code in these): neither woven nor read
   * as a supertype while no {@code weft.methods} rule is configured, since a rule may name a
   * library type that its subtypes then inherit. Most of the classes a framework application loads
   * are theirs.
   */
  private static final String[] LIBRARY_PREFIXES = {
    "org/springframework/",
    unrelocated("com", "fasterxml", "jackson"),
    "com/fasterxml/classmate/",
    "ch/qos/logback/",
    "org/slf4j/",
    "org/apache/logging/log4j/",
    "org/apache/commons/",
    "org/apache/tomcat/",
    "org/apache/catalina/",
    "org/apache/coyote/",
    "org/apache/http/",
    "org/apache/hc/",
    "org/eclipse/jetty/",
    "io/undertow/",
    "io/netty/",
    "reactor/",
    "org/reactivestreams/",
    "io/micrometer/",
    unrelocated("io", "opentelemetry"),
    "io/grpc/",
    "com/google/common/",
    "com/google/gson/",
    "com/google/protobuf/",
    "com/github/victools/",
    "com/networknt/",
    unrelocated("okhttp3"),
    unrelocated("okio"),
    "org/jetbrains/",
    "org/intellij/",
    "org/yaml/snakeyaml/",
    "org/hibernate/",
    "com/zaxxer/hikari/",
    "org/aopalliance/",
    "org/objenesis/",
    "org/glassfish/",
    "org/jboss/",
    "jakarta/",
    "dev/langchain4j/",
    "io/modelcontextprotocol/",
    "com/openai/",
    "org/junit/",
    "org/opentest4j/",
    "org/apiguardian/",
    "org/assertj/",
    "org/mockito/",
    "org/hamcrest/"
  };

  private static final Set<String> SPAN_ANNOTATIONS =
      Set.copyOf(MethodSpanEngine.spanAnnotationNames());

  private static final String GUARDRAIL_SPAN = "dev.weft.annotations.GuardrailSpan";

  private static final Set<String> OBJECT_METHODS =
      Set.of("toString", "hashCode", "equals", "clone", "finalize");

  private final List<MethodRule> rules;
  private final Set<String> ruleTypes = new HashSet<>();
  private final Set<String> ruleTypesInternal = new HashSet<>();
  private final List<String> packagePrefixes = new ArrayList<>();

  SpanMatchers(List<MethodRule> rules, List<String> packages) {
    this.rules = List.copyOf(rules);
    for (MethodRule rule : rules) {
      ruleTypes.add(rule.typeName());
      ruleTypesInternal.add(rule.typeName().replace('.', '/'));
    }
    for (String pkg : packages) {
      String internal = pkg.replace('.', '/');
      packagePrefixes.add(internal.endsWith("/") ? internal : internal + "/");
    }
  }

  /**
   * Returns the internal-name prefix of a package, {@code parts} joined by slashes, made at run
   * time. Written as one literal, the name of a package the agent's build relocates (Byte Buddy,
   * Jackson, OpenTelemetry, OkHttp, Okio, Kotlin) would be rewritten to the relocated name where
   * the class is shaded with that relocation, and would no longer match the application's own copy.
   */
  static String unrelocated(String... parts) {
    return String.join("/", parts) + "/";
  }

  /**
   * Returns whether the type lies in a library package ({@link #LIBRARY_PREFIXES}) and no {@code
   * weft.methods} rule is configured.
   */
  boolean isLibraryType(String internalName) {
    if (!rules.isEmpty()) {
      return false;
    }
    for (String prefix : LIBRARY_PREFIXES) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether a {@code weft.methods} rule names the type of this internal name. */
  boolean isRuleType(String internalName) {
    return ruleTypesInternal.contains(internalName);
  }

  /** Returns whether a type is never woven, judged by its binary name alone. */
  boolean ignoredByName(String name) {
    return ignoredByInternalName(name.replace('.', '/'));
  }

  /**
   * Returns whether a type is never woven, judged by its internal name ({@code com/acme/Tool})
   * alone: runs for every class the JVM loads, so it parses nothing and allocates nothing.
   */
  boolean ignoredByInternalName(String name) {
    for (String prefix : IGNORED_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    if (isLibraryType(name)) {
      return true;
    }
    if (name.startsWith(WEFT_PREFIX)) {
      int slash = name.indexOf('/', WEFT_PREFIX.length());
      if (slash < 0 || isWeftPackage(name, slash)) {
        return true;
      }
    }
    if (name.contains("$Proxy")
        || name.contains("$$")
        || name.contains("$ByteBuddy$")
        || name.contains("$HibernateProxy$")) {
      return true;
    }
    if (!packagePrefixes.isEmpty() && !ruleTypesInternal.contains(name)) {
      for (String prefix : packagePrefixes) {
        if (name.startsWith(prefix)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isWeftPackage(String name, int end) {
    for (String pkg : WEFT_PACKAGES) {
      if (end - WEFT_PREFIX.length() == pkg.length()
          && name.startsWith(pkg, WEFT_PREFIX.length())) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether a type declares or inherits a span method, or is covered by a rule. */
  boolean holdsSpanMethods(TypeDescription type) {
    if (ruleTypes.contains(type.getName()) || declaresSpanMethod(type, true)) {
      return true;
    }
    return anySupertype(type, new DeclaresSpanMethodOrIsRuleType());
  }

  /** Matches a supertype that declares a span method or is named by a rule. */
  private final class DeclaresSpanMethodOrIsRuleType implements Predicate<TypeDefinition> {
    @Override
    public boolean test(TypeDefinition type) {
      return ruleTypes.contains(type.asErasure().getName()) || declaresSpanMethod(type, false);
    }
  }

  /** Returns whether a method of a type being woven becomes a span. */
  boolean isSpanMethod(MethodDescription method) {
    if (!method.isMethod()
        || method.isAbstract()
        || method.isNative()
        || method.isBridge()
        || method.isSynthetic()) {
      return false;
    }
    if (isAnnotated(method.getDeclaredAnnotations())) {
      return true;
    }
    if (!method.isStatic() && !method.isPrivate() && overridesAnnotated(method)) {
      return true;
    }
    return !rules.isEmpty() && ruleIncludes(method);
  }

  /**
   * Returns whether a span method returns a primitive its span never looks at: annotated directly
   * with {@code captureResult = false}, the annotation the engine reads first. A guardrail's
   * boolean result always counts (it tells whether the guardrail tripped).
   */
  static boolean discardsPrimitiveResult(MethodDescription method) {
    TypeDescription.Generic returned = method.getReturnType();
    if (!returned.isPrimitive() || returned.represents(void.class)) {
      return false;
    }
    for (AnnotationDescription annotation : method.getDeclaredAnnotations()) {
      TypeDescription type = annotation.getAnnotationType();
      if (!SPAN_ANNOTATIONS.contains(type.getName())) {
        continue;
      }
      if (type.getName().equals(GUARDRAIL_SPAN)) {
        return false;
      }
      for (MethodDescription.InDefinedShape property : type.getDeclaredMethods()) {
        if (property.getName().equals("captureResult")) {
          return !annotation.getValue(property).resolve(Boolean.class);
        }
      }
      return false;
    }
    return false;
  }

  private static boolean declaresSpanMethod(TypeDefinition type, boolean concreteOnly) {
    for (MethodDescription method : type.getDeclaredMethods()) {
      if ((!concreteOnly || !method.isAbstract()) && isAnnotated(method.getDeclaredAnnotations())) {
        return true;
      }
    }
    return false;
  }

  private static boolean overridesAnnotated(MethodDescription method) {
    return anySupertype(method.getDeclaringType(), new DeclaresAnnotatedOverridden(method));
  }

  /** Matches a supertype declaring an annotated method that {@code method} overrides. */
  private static final class DeclaresAnnotatedOverridden implements Predicate<TypeDefinition> {
    private final MethodDescription.TypeToken token;
    private final String name;
    private final int arity;

    DeclaresAnnotatedOverridden(MethodDescription method) {
      this.token = method.asTypeToken();
      this.name = method.getInternalName();
      this.arity = method.getParameters().size();
    }

    @Override
    public boolean test(TypeDefinition type) {
      for (MethodDescription candidate : type.getDeclaredMethods()) {
        if (candidate.getInternalName().equals(name)
            && candidate.getParameters().size() == arity
            && !candidate.isStatic()
            && !candidate.isPrivate()
            && candidate.asTypeToken().getParameterTypes().equals(token.getParameterTypes())
            && isAnnotated(candidate.getDeclaredAnnotations())) {
          return true;
        }
      }
      return false;
    }
  }

  private boolean ruleIncludes(MethodDescription method) {
    List<String> names = new ArrayList<>();
    TypeDefinition declaring = method.getDeclaringType();
    names.add(declaring.asErasure().getName());
    anySupertype(
        declaring,
        new Predicate<TypeDefinition>() {
          @Override
          public boolean test(TypeDefinition type) {
            names.add(type.asErasure().getName());
            return false;
          }
        });
    for (MethodRule rule : rules) {
      if (!names.contains(rule.typeName()) || !rule.includes(method.getName())) {
        continue;
      }
      if (!rule.allMethods()) {
        return true;
      }
      if (method.isPublic()
          && !isAccessor(method)
          && !OBJECT_METHODS.contains(method.getName())
          && !(method.isStatic() && method.getName().equals("main"))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAccessor(MethodDescription method) {
    String name = method.getName();
    int arity = method.getParameters().size();
    boolean returnsValue = !method.getReturnType().represents(void.class);
    if (arity == 0 && returnsValue && hasPrefix(name, "get")) {
      return true;
    }
    if (arity == 0 && method.getReturnType().represents(boolean.class) && hasPrefix(name, "is")) {
      return true;
    }
    return arity == 1 && hasPrefix(name, "set");
  }

  private static boolean hasPrefix(String name, String prefix) {
    return name.length() > prefix.length()
        && name.startsWith(prefix)
        && Character.isUpperCase(name.charAt(prefix.length()));
  }

  private static boolean isAnnotated(AnnotationList annotations) {
    for (AnnotationDescription annotation : annotations) {
      if (SPAN_ANNOTATIONS.contains(annotation.getAnnotationType().getName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Visits the superclasses and interfaces of a type (generic, so inherited methods carry resolved
   * type arguments), nearest first, skipping the JDK's, until {@code visitor} returns true.
   */
  private static boolean anySupertype(TypeDefinition type, Predicate<TypeDefinition> visitor) {
    Deque<TypeDefinition> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    enqueueSupertypes(type, queue);
    while (!queue.isEmpty()) {
      TypeDefinition next = queue.poll();
      try {
        String name = next.asErasure().getName();
        if (name.startsWith("java.") || !seen.add(name)) {
          continue;
        }
        if (visitor.test(next)) {
          return true;
        }
        enqueueSupertypes(next, queue);
      } catch (RuntimeException | LinkageError e) {
        // A supertype whose class file cannot be found cannot carry annotations we could see.
      }
    }
    return false;
  }

  private static void enqueueSupertypes(TypeDefinition type, Deque<TypeDefinition> queue) {
    try {
      TypeDescription.Generic superClass = type.getSuperClass();
      if (superClass != null) {
        queue.add(superClass);
      }
      TypeList.Generic interfaces = type.getInterfaces();
      queue.addAll(interfaces);
    } catch (RuntimeException | LinkageError e) {
      // Unresolvable hierarchy: nothing more to visit from here.
    }
  }
}
