package dev.weft.benchmarks.appdriver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Serves a command-line application's own work over HTTP, so that it can be measured under a steady
 * concurrent load: every {@code GET /run} runs the application once more and answers 200 when it
 * finished, 500 with the failure otherwise.
 *
 * <p>The applications measured are one-shot programs: the LangChain4j sample does its conversations
 * in {@code main} and returns; the Spring AI travel desk does them in a {@code CommandLineRunner}
 * and exits. This driver leaves their code as it is and repeats it:
 *
 * <ul>
 *   <li>{@code main:<class> [args]} calls the class's {@code public static void main(String[])}
 *       with the arguments on every request;
 *   <li>{@code spring:<class> [args]} starts the Spring Boot application once with the arguments
 *       (its runners run once, as in an ordinary launch), keeps the context, and runs every {@code
 *       CommandLineRunner} bean again with the same arguments on every request.
 * </ul>
 *
 * <p>It uses nothing but the JDK (Spring is reached by reflection), so it can be put next to any
 * application: on the class path of a plain jar, or on {@code loader.path} of a Spring Boot jar
 * started through {@code PropertiesLauncher}. Once it listens it prints {@code [app-server]
 * listening on <port>}.
 */
public final class AppServer {
  /** The line the benchmark waits for before it sends the first request. */
  public static final String LISTENING = "[app-server] listening on ";

  private AppServer() {}

  /** Starts the application named by {@code args[0]} and serves it; see the class comment. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].contains(":")) {
      throw new IllegalArgumentException("usage: (main|spring):<class> [application arguments]");
    }
    String kind = args[0].substring(0, args[0].indexOf(':'));
    String className = args[0].substring(kind.length() + 1);
    String[] appArgs = Arrays.copyOfRange(args, 1, args.length);
    ClassLoader loader = AppServer.class.getClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    Runnable work =
        switch (kind) {
          case "main" -> mainMethod(Class.forName(className, true, loader), appArgs);
          case "spring" -> springRunners(Class.forName(className, true, loader), appArgs, loader);
          default -> throw new IllegalArgumentException("unknown kind " + kind + ": main|spring");
        };
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    // More threads than the benchmark has clients, so requests never wait for a thread here.
    http.setExecutor(Executors.newFixedThreadPool(16));
    http.createContext("/run", exchange -> serve(exchange, work));
    http.start();
    System.out.println(LISTENING + http.getAddress().getPort());
  }

  private static void serve(HttpExchange exchange, Runnable work) throws IOException {
    try (exchange) {
      int status = 200;
      String body = "ok";
      try {
        work.run();
      } catch (RuntimeException | Error e) {
        status = 500;
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        body = text.toString();
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Runnable mainMethod(Class<?> type, String[] appArgs) throws NoSuchMethodException {
    Method main = type.getMethod("main", String[].class);
    return () -> invoke(main, null, (Object) appArgs.clone());
  }

  /**
   * Starts the Spring Boot application once and returns a task that runs a fresh instance of each
   * of its runners. A runner may configure the beans it is given (the travel desk adds its tools to
   * the {@code ChatClient.Builder} it gets), so one instance can run only once; each request gets
   * new ones, made from a prototype-scoped copy of the runner's bean definition, as a new launch
   * would.
   */
  private static Runnable springRunners(Class<?> type, String[] appArgs, ClassLoader loader)
      throws ReflectiveOperationException {
    Class<?> application = spring("org.springframework.boot.SpringApplication", loader);
    Class<?> context = spring("org.springframework.context.ConfigurableApplicationContext", loader);
    Class<?> listable = spring("org.springframework.beans.factory.ListableBeanFactory", loader);
    Class<?> registry =
        spring("org.springframework.beans.factory.support.BeanDefinitionRegistry", loader);
    Class<?> definition = spring("org.springframework.beans.factory.config.BeanDefinition", loader);
    Class<?> abstractDefinition =
        spring("org.springframework.beans.factory.support.AbstractBeanDefinition", loader);
    Class<?> runner = spring("org.springframework.boot.CommandLineRunner", loader);
    Object started =
        application.getMethod("run", Class.class, String[].class).invoke(null, type, appArgs);
    Object factory = context.getMethod("getBeanFactory").invoke(started);
    String[] names =
        (String[]) listable.getMethod("getBeanNamesForType", Class.class).invoke(factory, runner);
    if (names.length == 0) {
      throw new IllegalStateException(type.getName() + " has no CommandLineRunner to repeat");
    }
    List<String> copies = new ArrayList<>();
    for (String name : names) {
      Object original = registry.getMethod("getBeanDefinition", String.class).invoke(factory, name);
      Object copy = abstractDefinition.getMethod("cloneBeanDefinition").invoke(original);
      definition.getMethod("setScope", String.class).invoke(copy, "prototype");
      String copyName = name + ".repeated";
      registry
          .getMethod("registerBeanDefinition", String.class, definition)
          .invoke(factory, copyName, copy);
      copies.add(copyName);
    }
    Method getBean = listable.getMethod("getBean", String.class);
    Method run = runner.getMethod("run", String[].class);
    return () -> {
      for (String copy : copies) {
        invoke(run, invoke(getBean, factory, copy), (Object) appArgs.clone());
      }
    };
  }

  private static Class<?> spring(String name, ClassLoader loader) throws ClassNotFoundException {
    return Class.forName(name, true, loader);
  }

  /** Calls {@code method}, rethrowing what it throws unchecked. */
  private static Object invoke(Method method, Object target, Object... arguments) {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
