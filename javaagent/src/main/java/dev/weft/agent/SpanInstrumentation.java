package dev.weft.agent;

import dev.weft.config.WeftConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * Weaves {@link SpanAdvice} (or {@link ReactiveSpanAdvice}) into every span method of application
 * classes. The start-up path avoids lambdas: the first one costs the JVM tens of milliseconds of
 * method-handle set-up.
 */
final class SpanInstrumentation implements WeavingTransformer.Weaving {
  /**
   * The advice and the matchers only a weave needs, set up at the first class that holds a span
   * method: describing the advice classes loads and runs a good part of Byte Buddy, which an
   * application whose classes name none of Weft's annotations then never needs.
   */
  private static final class Advices {
    static final TypeDescription SPAN_ADVICE = TypeDescription.ForLoadedType.of(SpanAdvice.class);
    static final TypeDescription EXIT_WITHOUT_RESULT =
        TypeDescription.ForLoadedType.of(SpanAdvice.WithoutResult.class);
    static final TypeDescription REACTIVE_ADVICE =
        TypeDescription.ForLoadedType.of(ReactiveSpanAdvice.class);
    static final ElementMatcher<MethodDescription> RETURNS_PUBLISHER =
        ElementMatchers.returns(
            ElementMatchers.namedOneOf(
                "reactor.core.publisher.Mono",
                "reactor.core.publisher.Flux",
                "java.util.stream.Stream",
                "java.util.Iterator",
                "java.util.concurrent.Flow$Publisher",
                "java.util.concurrent.CompletableFuture",
                "java.util.concurrent.CompletionStage"));
    static final ElementMatcher<MethodDescription> DISCARDS_RESULT =
        new ElementMatcher<MethodDescription>() {
          @Override
          public boolean matches(MethodDescription method) {
            return SpanMatchers.discardsPrimitiveResult(method);
          }
        };

    private Advices() {}
  }

  private final SpanMatchers matchers;
  private final SpanCandidates candidates;
  private final ClassFileLocator adviceClasses;
  // The advice class files, read at the first weave (see adviceLocator).
  private ClassFileLocator adviceLocator;
  private final ClassLoader platformLoader = ClassLoader.getPlatformClassLoader();

  /** The span methods of the class being woven, as far as this attempt may weave them. */
  private final ElementMatcher.Junction<MethodDescription> spanMethods =
      new ElementMatcher.Junction.AbstractBase<MethodDescription>() {
        @Override
        public boolean matches(MethodDescription method) {
          return matchers.isSpanMethod(method) && MethodByMethodRetry.allows(method);
        }
      };

  private SpanInstrumentation(SpanMatchers matchers, ClassFileLocator adviceClasses) {
    this.matchers = matchers;
    this.candidates = new SpanCandidates(matchers);
    this.adviceClasses = adviceClasses;
  }

  /**
   * Returns the transformer weaving span methods, retrying method by method when a whole class
   * cannot be woven.
   */
  static MethodByMethodRetry transformer(WeftConfig config, ClassFileLocator advice) {
    SpanMatchers matchers = new SpanMatchers(config.methodRules(), config.packages());
    return new MethodByMethodRetry(
        new WeavingTransformer(new SpanInstrumentation(matchers, advice), new TypePoolCache()));
  }

  @Override
  public boolean mayWeave(ClassLoader classLoader, String internalName) {
    return classLoader != null
        && classLoader != platformLoader
        && !matchers.ignoredByInternalName(internalName);
  }

  @Override
  public boolean mayMatch(ClassLoader classLoader, String internalName, byte[] classFile) {
    return candidates.mayHoldSpanMethods(classLoader, internalName, classFile);
  }

  @Override
  public boolean matches(TypeDescription type) {
    return matchers.holdsSpanMethods(type);
  }

  @Override
  public DynamicType.Builder<?> weave(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader classLoader,
      ClassFileLocator classFile) {
    Advice.WithCustomMapping mapping =
        Advice.withCustomMapping().bind(new MethodIdMapping(new ParameterNames(type, classFile)));
    ClassFileLocator adviceLocator = adviceLocator();
    return builder
        .visit(
            mapping
                .to(Advices.SPAN_ADVICE, adviceLocator)
                .on(
                    spanMethods
                        .and(ElementMatchers.not(Advices.RETURNS_PUBLISHER))
                        .and(ElementMatchers.not(Advices.DISCARDS_RESULT))))
        .visit(
            mapping
                .to(Advices.SPAN_ADVICE, Advices.EXIT_WITHOUT_RESULT, adviceLocator)
                .on(spanMethods.and(Advices.DISCARDS_RESULT)))
        .visit(
            mapping
                .to(Advices.REACTIVE_ADVICE, adviceLocator)
                .on(spanMethods.and(Advices.RETURNS_PUBLISHER)));
  }

  /**
   * Returns the advice class files, read at the first call rather than for every woven class. Woven
   * on whichever thread loads a class, hence synchronized.
   */
  private synchronized ClassFileLocator adviceLocator() {
    if (adviceLocator == null) {
      adviceLocator = readAdvice(adviceClasses);
    }
    return adviceLocator;
  }

  private static ClassFileLocator readAdvice(ClassFileLocator advice) {
    Map<String, byte[]> classes = new HashMap<>();
    for (Class<?> type :
        new Class<?>[] {
          SpanAdvice.class, SpanAdvice.WithoutResult.class, ReactiveSpanAdvice.class
        }) {
      try {
        classes.put(type.getName(), advice.locate(type.getName()).resolve());
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + type.getName(), e);
      }
    }
    return new ClassFileLocator.Compound(new ClassFileLocator.Simple(classes), advice);
  }
}
