package dev.weft.config;

import dev.weft.data.SpanType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A zero-code span rule from {@code weft.methods}: the methods of one type that become spans, and
 * their span type.
 *
 * <p>Written {@code com.acme.Planner[plan,act]@agent}: the type's binary name, the method names in
 * brackets ({@code *} or no brackets at all for every public non-accessor method), and the span
 * type after {@code @} ({@code custom} when absent). Rules are separated by {@code ;} (or {@code ,}
 * outside brackets).
 *
 * @param typeName the binary name of the type, e.g. {@code com.acme.Planner$Inner}; a named
 *     interface or superclass covers its implementations
 * @param methods the method names, or the single element {@code *} for all of them
 * @param spanType the span type, one of {@link #SPAN_TYPES}; {@code tool} is stored as {@code
 *     function}
 */
public record MethodRule(String typeName, List<String> methods, String spanType) {

  /** The method list that stands for every public method that is not an accessor. */
  public static final String ALL_METHODS = "*";

  /**
   * The span types a rule may name: every type of {@link SpanType}, and {@code workflow} ({@code
   * tool} is also accepted and means {@code function}).
   */
  public static final Set<String> SPAN_TYPES = spanTypes();

  /** The format of one rule, as stated in warnings. */
  static final String ACCEPTED =
      "Type[method,...]@type entries separated by ; where type is one of "
          + String.join(", ", acceptedTypeNames());

  private static final String IDENTIFIER =
      "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
  private static final Pattern TYPE_NAME =
      Pattern.compile(IDENTIFIER + "(?:\\." + IDENTIFIER + ")*");
  private static final Pattern METHOD_NAME = Pattern.compile(IDENTIFIER);

  /**
   * Creates a rule, checking every part.
   *
   * @throws IllegalArgumentException when the type name, a method name or the span type is not
   *     valid
   */
  public MethodRule {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(spanType, "spanType");
    methods = List.copyOf(methods);
    if (!TYPE_NAME.matcher(typeName).matches()) {
      throw new IllegalArgumentException("not a type name: " + typeName);
    }
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("no methods for " + typeName);
    }
    for (String method : methods) {
      if (!ALL_METHODS.equals(method) && !METHOD_NAME.matcher(method).matches()) {
        throw new IllegalArgumentException("not a method name: " + method);
      }
    }
    if (methods.size() > 1 && methods.contains(ALL_METHODS)) {
      methods = List.of(ALL_METHODS);
    }
    spanType = normaliseSpanType(spanType);
    if (!SPAN_TYPES.contains(spanType)) {
      throw new IllegalArgumentException("not a span type: " + spanType);
    }
  }

  /** Returns whether this rule covers every public non-accessor method of the type. */
  public boolean allMethods() {
    return methods.contains(ALL_METHODS);
  }

  /** Returns whether this rule names {@code methodName}, or covers all methods. */
  public boolean includes(String methodName) {
    return allMethods() || methods.contains(methodName);
  }

  /**
   * Parses one rule, e.g. {@code com.acme.Tools[search,fetch]@tool}.
   *
   * @throws IllegalArgumentException when the text is not a valid rule
   */
  public static MethodRule parse(String text) {
    String rule = text.strip();
    String spanType = "custom";
    int at = rule.lastIndexOf('@');
    if (at >= 0) {
      spanType = rule.substring(at + 1).strip();
      rule = rule.substring(0, at).strip();
    }
    List<String> methods = List.of(ALL_METHODS);
    int open = rule.indexOf('[');
    if (open >= 0) {
      if (!rule.endsWith("]")) {
        throw new IllegalArgumentException("missing ] in " + text);
      }
      methods = new ArrayList<>();
      for (String method : rule.substring(open + 1, rule.length() - 1).split(",", -1)) {
        methods.add(method.strip());
      }
      rule = rule.substring(0, open).strip();
    }
    return new MethodRule(rule, methods, spanType);
  }

  /**
   * Parses a list of rules; each entry that is not a valid rule is handed to {@code badEntries} and
   * skipped, the others are kept.
   */
  static List<MethodRule> parseAll(String text, Consumer<String> badEntries) {
    List<MethodRule> rules = new ArrayList<>();
    for (String entry : splitEntries(text)) {
      try {
        rules.add(parse(entry));
      } catch (IllegalArgumentException e) {
        badEntries.accept(entry);
      }
    }
    return List.copyOf(rules);
  }

  private static List<String> splitEntries(String text) {
    List<String> entries = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ';';
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth = Math.max(0, depth - 1);
      } else if (c == ';' || (c == ',' && depth == 0) || i == text.length()) {
        String entry = text.substring(start, i).strip();
        if (!entry.isEmpty()) {
          entries.add(entry);
        }
        start = i + 1;
        depth = 0;
      }
    }
    return entries;
  }

  private static String normaliseSpanType(String spanType) {
    String type = spanType.strip().toLowerCase(Locale.ROOT);
    return "tool".equals(type) ? "function" : type;
  }

  private static Set<String> spanTypes() {
    Set<String> names = new LinkedHashSet<>();
    for (SpanType type : SpanType.values()) {
      names.add(type.typeName());
    }
    names.add("workflow");
    return Collections.unmodifiableSet(names);
  }

  private static List<String> acceptedTypeNames() {
    List<String> names = new ArrayList<>();
    names.add("agent");
    names.add("tool");
    for (String name : spanTypes()) {
      if (!name.equals("agent")) {
        names.add(name);
      }
    }
    return names;
  }
}
