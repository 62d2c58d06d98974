package dev.weft.agent;

import dev.weft.config.WeftConfig;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves {@link SpanAdvice} (or {@link ReactiveSpanAdvice}) into every span method of application
 * classes.
 */
final class SpanInstrumentation {
  private static final TypeDescription SPAN_ADVICE =
      TypeDescription.ForLoadedType.of(SpanAdvice.class);
  private static final TypeDescription EXIT_WITHOUT_RESULT =
      TypeDescription.ForLoadedType.of(SpanAdvice.WithoutResult.class);
  private static final TypeDescription REACTIVE_ADVICE =
      TypeDescription.ForLoadedType.of(ReactiveSpanAdvice.class);
  private static final ElementMatcher<MethodDescription> RETURNS_PUBLISHER =
      ElementMatchers.returns(
          ElementMatchers.namedOneOf("reactor.core.publisher.Mono", "reactor.core.publisher.Flux"));

  private static final ElementMatcher.Junction<MethodDescription> DISCARDS_RESULT =
      ElementMatchers.<MethodDescription>any().and(SpanMatchers::discardsPrimitiveResult);

  private SpanInstrumentation() {}

  /** Adds span weaving to {@code builder}. */
  static AgentBuilder builder(AgentBuilder builder, WeftConfig config, ClassFileLocator advice) {
    SpanMatchers matchers = new SpanMatchers(config.methodRules(), config.packages());
    ClassFileLocator adviceLocator = adviceLocator(advice);
    return builder
        .with(new TypePoolCache())
        .with(MethodByMethodRetry::new)
        .ignore(
            (type, classLoader, module, classBeingRedefined, protectionDomain) ->
                classLoader == null
                    || classLoader == ClassLoader.getPlatformClassLoader()
                    || matchers.ignoredByName(type.getName()))
        .type(ElementMatchers.<TypeDescription>any().and(matchers::holdsSpanMethods))
        .transform(
            (DynamicType.Builder<?> typeBuilder,
                TypeDescription type,
                ClassLoader classLoader,
                JavaModule module,
                java.security.ProtectionDomain protectionDomain) -> {
              Advice.WithCustomMapping mapping =
                  Advice.withCustomMapping()
                      .bind(new MethodIdMapping(new ParameterNames(type, classLoader)));
              ElementMatcher.Junction<MethodDescription> spanMethods =
                  ElementMatchers.<MethodDescription>any()
                      .and(matchers::isSpanMethod)
                      .and(MethodByMethodRetry::allows);
              return typeBuilder
                  .visit(
                      mapping
                          .to(SPAN_ADVICE, adviceLocator)
                          .on(
                              spanMethods
                                  .and(ElementMatchers.not(RETURNS_PUBLISHER))
                                  .and(ElementMatchers.not(DISCARDS_RESULT))))
                  .visit(
                      mapping
                          .to(SPAN_ADVICE, EXIT_WITHOUT_RESULT, adviceLocator)
                          .on(spanMethods.and(DISCARDS_RESULT)))
                  .visit(
                      mapping
                          .to(REACTIVE_ADVICE, adviceLocator)
                          .on(spanMethods.and(RETURNS_PUBLISHER)));
            });
  }

  /** Reads the advice class files once rather than for every woven class. */
  private static ClassFileLocator adviceLocator(ClassFileLocator advice) {
    Map<String, byte[]> classes = new HashMap<>();
    for (Class<?> type :
        new Class<?>[] {
          SpanAdvice.class, SpanAdvice.WithoutResult.class, ReactiveSpanAdvice.class
        }) {
      try {
        classes.put(type.getName(), advice.locate(type.getName()).resolve());
      } catch (java.io.IOException e) {
        throw new IllegalStateException("cannot read " + type.getName(), e);
      }
    }
    return new ClassFileLocator.Compound(new ClassFileLocator.Simple(classes), advice);
  }
}
