package dev.weft.weaver;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

/**
 * Reads Weft annotations by name rather than by class, so an annotation type loaded twice (the
 * agent's copy and an application's own copy in a child-first class loader that does not ask its
 * parent first) is still recognised.
 */
final class AnnotationValues {
  static final String SENSITIVE = SpanKind.ANNOTATION_PACKAGE + "Sensitive";
  static final String SPAN_ATTRIBUTE = SpanKind.ANNOTATION_PACKAGE + "SpanAttribute";
  static final String GROUP_ID = SpanKind.ANNOTATION_PACKAGE + "GroupId";
  static final String TRACE_METADATA = SpanKind.ANNOTATION_PACKAGE + "TraceMetadata";

  private AnnotationValues() {}

  /** Returns the first annotation that selects a span kind, or null. */
  static Annotation spanAnnotation(Annotation[] annotations) {
    for (Annotation annotation : annotations) {
      if (SpanKind.forAnnotation(annotation.annotationType().getName()) != null) {
        return annotation;
      }
    }
    return null;
  }

  /** Returns the annotation of the given binary type name, or null. */
  static Annotation find(Annotation[] annotations, String typeName) {
    for (Annotation annotation : annotations) {
      if (annotation.annotationType().getName().equals(typeName)) {
        return annotation;
      }
    }
    return null;
  }

  /** Returns a string attribute, or null when it is absent, blank or unreadable. */
  static String string(Annotation annotation, String attribute) {
    Object value = value(annotation, attribute);
    return value instanceof String s && !s.isBlank() ? s : null;
  }

  /** Returns a boolean attribute, or {@code fallback} when it is absent or unreadable. */
  static boolean bool(Annotation annotation, String attribute, boolean fallback) {
    return value(annotation, attribute) instanceof Boolean b ? b : fallback;
  }

  /** Returns a string array attribute; empty when absent or unreadable. */
  static String[] strings(Annotation annotation, String attribute) {
    return value(annotation, attribute) instanceof String[] values ? values : new String[0];
  }

  private static Object value(Annotation annotation, String attribute) {
    try {
      Method accessor = annotation.annotationType().getMethod(attribute);
      return accessor.invoke(annotation);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
