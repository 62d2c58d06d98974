package dev.weft.weaver.aspectj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.Span;
import dev.weft.Tracing;
import dev.weft.config.WeftConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Function;
import java.util.function.Supplier;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WeftContextAspectTest {
  private final WeftContextAspect aspect = new WeftContextAspect();

  @BeforeEach
  void configure() {
    Tracing.configure(WeftConfig.load("exporters=none"));
  }

  @Test
  void everyAdvice_bindsAnArgumentOfACall_onlyWhileAContextIsCurrent() {
    List<String> pointcuts = new ArrayList<>();
    for (Method method : WeftContextAspect.class.getDeclaredMethods()) {
      Around around = method.getAnnotation(Around.class);
      if (around != null) {
        pointcuts.add(around.value());
      }
    }

    assertThat(pointcuts)
        .hasSize(14)
        .allSatisfy(
            pointcut ->
                assertThat(pointcut)
                    .contains("call(", " && args(")
                    .endsWith(" && contextCurrent()"));
  }

  @Test
  void contextCurrent_answersWhetherATraceContextIsCurrent() throws Exception {
    // ajc marks the if() test synthetic, so javac sees it only by reflection.
    Method test = WeftContextAspect.class.getMethod("contextCurrent");

    assertThat(test.invoke(null)).isEqualTo(false);
    try (Span span = Tracing.startCustomSpan("parent", null)) {
      assertThat(test.invoke(null)).isEqualTo(true);
    }
  }

  @Test
  void runnable_proceedsWithTheTaskBound_andReturnsTheCallsResult() throws Throwable {
    Object result = new Object();
    Runnable task = () -> {};
    Call call = new Call(result, task);

    Object returned;
    try (Span span = Tracing.startCustomSpan("parent", null)) {
      returned = aspect.runnable(call.joinPoint(), task);
    }

    assertThat(returned).isSameAs(result);
    assertThat(call.proceededWith).hasSize(1);
    assertThat(call.proceededWith[0]).isInstanceOf(Runnable.class).isNotSameAs(task);
  }

  @Test
  void secondFunction_bindsTheSecondArgument_andLeavesTheOthers() throws Throwable {
    Object other = new Object();
    Function<String, String> task = value -> value;
    Object executor = new Object();
    Call call = new Call(null, other, task, executor);

    try (Span span = Tracing.startCustomSpan("parent", null)) {
      aspect.secondFunction(call.joinPoint(), task);
    }

    assertThat(call.proceededWith[0]).isSameAs(other);
    assertThat(call.proceededWith[1]).isNotSameAs(task);
    assertThat(call.proceededWith[2]).isSameAs(executor);
  }

  @Test
  void callable_ofATaskBoundAlready_proceedsWithTheArgumentsAsTheyAre() throws Throwable {
    Call call;
    try (Span span = Tracing.startCustomSpan("parent", null)) {
      Callable<String> task = Tracing.wrap(() -> "x");
      call = new Call(null, task);
      aspect.callable(call.joinPoint(), task);
    }

    assertThat(call.proceededWithout).isTrue();
  }

  @Test
  void forkJoinTask_submitStillReturnsTheTaskItWasGiven() throws Throwable {
    ForkJoinTask<?> task = ForkJoinTask.adapt(() -> {});
    Call call = new Call(null, task);
    call.returnFirstArgument = true;

    Object returned;
    try (Span span = Tracing.startCustomSpan("parent", null)) {
      returned = aspect.forkJoinTask(call.joinPoint(), task);
    }

    assertThat(call.proceededWith[0]).isNotSameAs(task);
    assertThat(returned).isSameAs(task);
  }

  @Test
  void supplier_anExceptionOfTheCallPassesThroughAsTheSameInstance() {
    IllegalStateException failure = new IllegalStateException("rejected");
    Supplier<String> task = () -> "x";
    Call call = new Call(null, task);
    call.failure = failure;

    try (Span span = Tracing.startCustomSpan("parent", null)) {
      assertThatThrownBy(() -> aspect.supplier(call.joinPoint(), task)).isSameAs(failure);
    }
  }

  /** A join point made by hand: it records what the advice proceeded with. */
  private static final class Call {
    private final Object result;
    private final Object[] args;
    Object[] proceededWith;
    boolean proceededWithout;
    boolean returnFirstArgument;
    Throwable failure;

    Call(Object result, Object... args) {
      this.result = result;
      this.args = args;
    }

    ProceedingJoinPoint joinPoint() {
      return (ProceedingJoinPoint)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {ProceedingJoinPoint.class},
              (proxy, method, parameters) -> {
                switch (method.getName()) {
                  case "getArgs":
                    return args.clone();
                  case "proceed":
                    if (parameters == null || parameters.length == 0) {
                      proceededWithout = true;
                      proceededWith = args.clone();
                    } else {
                      proceededWith = (Object[]) parameters[0];
                    }
                    if (failure != null) {
                      throw failure;
                    }
                    return returnFirstArgument ? proceededWith[0] : result;
                  default:
                    throw new UnsupportedOperationException(method.getName());
                }
              });
    }
  }
}
