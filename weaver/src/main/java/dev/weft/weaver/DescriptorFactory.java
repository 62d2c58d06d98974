package dev.weft.weaver;

import dev.weft.Tracing;
import dev.weft.config.MethodRule;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * Works out a {@link MethodDescriptor} from a method by reflection: its span annotation (on the
 * method, or on a method it overrides in a superclass or interface), else a {@code weft.methods}
 * rule naming its class or a supertype, and its parameter annotations.
 */
final class DescriptorFactory {
  private static final Set<String> REACTIVE_TYPES =
      Set.of("reactor.core.publisher.Mono", "reactor.core.publisher.Flux");

  private DescriptorFactory() {}

  /** The facts a descriptor is made from, gathered step by step. */
  static final class Parts {
    SpanKind kind = SpanKind.CUSTOM;
    String name;
    String model;
    String server;
    String handoffFrom;
    String handoffTo;
    List<String> handoffs = List.of();
    List<String> tools = List.of();
    String outputType;
    String workflowGroupId;
    String[] parameterNames;
    boolean[] sensitive;
    String[] attributeKeys;
    String[] traceMetadataKeys;
    int groupIdIndex = -1;
    boolean captureArguments = true;
    boolean captureResult = true;
    boolean sensitiveResult;
    boolean returnsValue;
    boolean reactiveReturn;
    boolean sequenceReturn;
    boolean stageReturn;
    String methodKey;
    boolean wovenByAgent;
  }

  /**
   * Creates the descriptor of {@code method}.
   *
   * @param knownNames parameter names found elsewhere (debug information), or null
   */
  static MethodDescriptor create(Method method, String[] knownNames) {
    Parts parts = new Parts();
    Method origin = method;
    Annotation span = AnnotationValues.spanAnnotation(method.getDeclaredAnnotations());
    if (span == null) {
      for (Method overridden : overriddenMethods(method)) {
        span = AnnotationValues.spanAnnotation(overridden.getDeclaredAnnotations());
        if (span != null) {
          origin = overridden;
          break;
        }
      }
    }
    parts.returnsValue = method.getReturnType() != void.class;
    parts.reactiveReturn = REACTIVE_TYPES.contains(method.getReturnType().getName());
    parts.sequenceReturn = SequenceResults.follows(method.getReturnType());
    parts.stageReturn = AsyncResults.replaceableStage(method.getReturnType());
    parts.methodKey = keyOf(method);
    parts.wovenByAgent = WovenMethods.isRegistered(parts.methodKey);
    if (span != null) {
      fromAnnotation(parts, span, method);
    } else {
      fromRule(parts, method);
    }
    parts.sensitiveResult =
        AnnotationValues.find(method.getDeclaredAnnotations(), AnnotationValues.SENSITIVE) != null
            || AnnotationValues.find(origin.getDeclaredAnnotations(), AnnotationValues.SENSITIVE)
                != null;
    parameters(parts, method, origin, knownNames);
    return new MethodDescriptor(parts);
  }

  /** Returns the key under which the java agent registers a method: type, name and descriptor. */
  static String keyOf(Method method) {
    return key(
        method.getDeclaringClass().getName(),
        method.getName(),
        MethodType.methodType(method.getReturnType(), method.getParameterTypes())
            .toMethodDescriptorString());
  }

  /** Returns the registration key of a method given by names. */
  static String key(String typeName, String methodName, String descriptor) {
    return typeName + '#' + methodName + descriptor;
  }

  private static void fromAnnotation(Parts parts, Annotation span, Method method) {
    SpanKind kind = SpanKind.forAnnotation(span.annotationType().getName());
    parts.kind = kind;
    parts.captureArguments = AnnotationValues.bool(span, "captureArguments", true);
    parts.captureResult = AnnotationValues.bool(span, "captureResult", true);
    String name = AnnotationValues.string(span, "name");
    parts.name = name != null ? name : defaultName(kind, method);
    switch (kind) {
      case AGENT -> {
        parts.handoffs = List.of(AnnotationValues.strings(span, "handoffs"));
        String[] tools = AnnotationValues.strings(span, "tools");
        parts.tools = tools.length > 0 ? List.of(tools) : toolNames(method.getDeclaringClass());
        String outputType = AnnotationValues.string(span, "outputType");
        parts.outputType = outputType != null ? outputType : outputTypeOf(method);
      }
      case GENERATION, TRANSCRIPTION, SPEECH ->
          parts.model = AnnotationValues.string(span, "model");
      case MCP_TOOLS -> parts.server = AnnotationValues.string(span, "server");
      case HANDOFF -> {
        parts.handoffFrom = AnnotationValues.string(span, "from");
        parts.handoffTo = AnnotationValues.string(span, "to");
      }
      case WORKFLOW -> parts.workflowGroupId = AnnotationValues.string(span, "groupId");
      default -> {}
    }
  }

  private static void fromRule(Parts parts, Method method) {
    SpanKind kind = SpanKind.CUSTOM;
    try {
      MethodRule rule = ruleFor(method);
      if (rule != null) {
        SpanKind ruleKind = SpanKind.forRuleType(rule.spanType());
        kind = ruleKind != null ? ruleKind : SpanKind.CUSTOM;
      }
    } catch (RuntimeException e) {
      // No configuration to read: the method still becomes a custom span.
    }
    parts.kind = kind;
    parts.name = defaultName(kind, method);
    if (kind == SpanKind.AGENT) {
      parts.tools = toolNames(method.getDeclaringClass());
      parts.outputType = outputTypeOf(method);
    }
  }

  private static MethodRule ruleFor(Method method) {
    List<MethodRule> rules = Tracing.config().methodRules();
    if (rules.isEmpty()) {
      return null;
    }
    Set<String> typeNames = new HashSet<>();
    for (Class<?> type : supertypes(method.getDeclaringClass())) {
      typeNames.add(type.getName());
    }
    for (MethodRule rule : rules) {
      if (typeNames.contains(rule.typeName()) && rule.includes(method.getName())) {
        return rule;
      }
    }
    return null;
  }

  private static String defaultName(SpanKind kind, Method method) {
    return kind == SpanKind.AGENT ? method.getDeclaringClass().getSimpleName() : method.getName();
  }

  private static void parameters(Parts parts, Method method, Method origin, String[] knownNames) {
    Parameter[] parameters = method.getParameters();
    int count = parameters.length;
    Annotation[][] own = method.getParameterAnnotations();
    Annotation[][] inherited = origin == method ? null : origin.getParameterAnnotations();
    parts.parameterNames = new String[count];
    parts.sensitive = new boolean[count];
    String[] attributes = new String[count];
    String[] metadata = new String[count];
    boolean anyAttribute = false;
    boolean anyMetadata = false;
    for (int i = 0; i < count; i++) {
      parts.parameterNames[i] = parameterName(parameters[i], knownNames, i);
      Annotation[] annotations = merged(own, inherited, i);
      parts.sensitive[i] = AnnotationValues.find(annotations, AnnotationValues.SENSITIVE) != null;
      Annotation attribute = AnnotationValues.find(annotations, AnnotationValues.SPAN_ATTRIBUTE);
      if (attribute != null) {
        String key = AnnotationValues.string(attribute, "value");
        attributes[i] = key != null ? key : parts.parameterNames[i];
        anyAttribute = true;
      }
      Annotation traceMetadata =
          AnnotationValues.find(annotations, AnnotationValues.TRACE_METADATA);
      if (traceMetadata != null) {
        String key = AnnotationValues.string(traceMetadata, "value");
        metadata[i] = key != null ? key : parts.parameterNames[i];
        anyMetadata = true;
      }
      if (parts.groupIdIndex < 0
          && AnnotationValues.find(annotations, AnnotationValues.GROUP_ID) != null) {
        parts.groupIdIndex = i;
      }
    }
    parts.attributeKeys = anyAttribute ? attributes : null;
    parts.traceMetadataKeys = anyMetadata ? metadata : null;
  }

  private static String parameterName(Parameter parameter, String[] knownNames, int index) {
    if (parameter.isNamePresent()) {
      return parameter.getName();
    }
    if (knownNames != null && index < knownNames.length && knownNames[index] != null) {
      return knownNames[index];
    }
    return "arg" + index;
  }

  private static Annotation[] merged(Annotation[][] own, Annotation[][] inherited, int index) {
    Annotation[] mine = index < own.length ? own[index] : new Annotation[0];
    if (inherited == null || index >= inherited.length || inherited[index].length == 0) {
      return mine;
    }
    Annotation[] all = new Annotation[mine.length + inherited[index].length];
    System.arraycopy(mine, 0, all, 0, mine.length);
    System.arraycopy(inherited[index], 0, all, mine.length, inherited[index].length);
    return all;
  }

  /**
   * Returns the methods {@code method} overrides or implements, nearest first: same name and
   * parameter types, or (for generic supertypes) parameter types the method's own are assignable
   * to.
   */
  static List<Method> overriddenMethods(Method method) {
    List<Method> found = new ArrayList<>();
    if (Modifier.isStatic(method.getModifiers()) || Modifier.isPrivate(method.getModifiers())) {
      return found;
    }
    Class<?>[] parameterTypes = method.getParameterTypes();
    for (Class<?> type : supertypes(method.getDeclaringClass())) {
      if (type == method.getDeclaringClass() || type.getName().startsWith("java.")) {
        continue;
      }
      Method match = null;
      for (Method candidate : type.getDeclaredMethods()) {
        if (!candidate.getName().equals(method.getName())
            || candidate.getParameterCount() != parameterTypes.length
            || Modifier.isStatic(candidate.getModifiers())
            || Modifier.isPrivate(candidate.getModifiers())
            || candidate.isBridge()) {
          continue;
        }
        Class<?>[] types = candidate.getParameterTypes();
        if (java.util.Arrays.equals(types, parameterTypes)) {
          match = candidate;
          break;
        }
        if (match == null && assignable(types, parameterTypes)) {
          match = candidate;
        }
      }
      if (match != null) {
        found.add(match);
      }
    }
    return found;
  }

  private static boolean assignable(Class<?>[] declared, Class<?>[] actual) {
    for (int i = 0; i < declared.length; i++) {
      if (!declared[i].isAssignableFrom(actual[i])) {
        return false;
      }
    }
    return true;
  }

  /** Returns the type itself, then its superclasses and interfaces, each once, nearest first. */
  static List<Class<?>> supertypes(Class<?> type) {
    List<Class<?>> result = new ArrayList<>();
    Set<Class<?>> seen = new HashSet<>();
    Deque<Class<?>> queue = new ArrayDeque<>();
    queue.add(type);
    while (!queue.isEmpty()) {
      Class<?> next = queue.poll();
      if (next == null || next == Object.class || !seen.add(next)) {
        continue;
      }
      result.add(next);
      if (next.getSuperclass() != null) {
        queue.add(next.getSuperclass());
      }
      queue.addAll(List.of(next.getInterfaces()));
    }
    return result;
  }

  /** Returns the names of the tool methods of a class, sorted, for an agent's default tools. */
  static List<String> toolNames(Class<?> type) {
    Set<String> names = new TreeSet<>();
    for (Method method : type.getDeclaredMethods()) {
      if (method.isBridge() || method.isSynthetic()) {
        continue;
      }
      Annotation span = AnnotationValues.spanAnnotation(method.getDeclaredAnnotations());
      if (span == null) {
        for (Method overridden : overriddenMethods(method)) {
          span = AnnotationValues.spanAnnotation(overridden.getDeclaredAnnotations());
          if (span != null) {
            break;
          }
        }
      }
      if (span != null
          && SpanKind.forAnnotation(span.annotationType().getName()) == SpanKind.FUNCTION) {
        String name = AnnotationValues.string(span, "name");
        names.add(name != null ? name : method.getName());
      }
    }
    return List.copyOf(names);
  }

  /**
   * Returns the simple name of what a method produces: its return type, or the value type of an
   * asynchronous result ({@code CompletionStage<Answer>}, {@code Mono<Answer>}); null for void.
   */
  static String outputTypeOf(Method method) {
    Class<?> raw = method.getReturnType();
    if (raw == void.class || raw == Void.class) {
      return null;
    }
    Type generic = method.getGenericReturnType();
    boolean wrapper =
        CompletionStage.class.isAssignableFrom(raw)
            || REACTIVE_TYPES.contains(raw.getName())
            || raw == java.util.Optional.class;
    if (wrapper && generic instanceof ParameterizedType parameterized) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (arguments.length == 1) {
        return simpleName(arguments[0]);
      }
    }
    return raw.getSimpleName();
  }

  private static String simpleName(Type type) {
    if (type instanceof Class<?> c) {
      return c.getSimpleName();
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c.getSimpleName();
    }
    return type.getTypeName();
  }
}
