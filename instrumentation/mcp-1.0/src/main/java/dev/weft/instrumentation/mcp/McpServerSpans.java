package dev.weft.instrumentation.mcp;

import dev.weft.Scope;
import dev.weft.Span;
import dev.weft.Trace;
import dev.weft.Tracing;
import dev.weft.TracingContext;
import dev.weft.data.FunctionSpanData;
import dev.weft.instrumentation.api.Completion;
import dev.weft.instrumentation.api.Reflect;
import dev.weft.instrumentation.api.WeakIdentityMap;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.BiFunction;

/**
 * What the advice on the MCP server does, out of line. The {@code tools/call} request handler of
 * {@code McpAsyncServer} (which {@code McpSyncServer} runs on too) is wrapped: each call becomes a
 * {@code function} span, in a trace that continues the caller's when the request's {@code _meta}
 * carries a {@code traceparent}, ending when the handler's {@code Mono} ends. A tool written
 * against the sync API runs later, on another thread; its handler is wrapped to run with that span
 * current, so traced work inside the tool nests under it. Every method is safe to call with
 * anything: a failure is logged once, rate-limited, and never reaches the application.
 */
public final class McpServerSpans {
  // The accessors read, each remembering the methods it found on the classes it met.
  private static final Reflect.Accessor CALL_HANDLER = Reflect.accessor("callHandler");

  private static final String REQUEST_HANDLER = "io.modelcontextprotocol.server.McpRequestHandler";

  /** The context of each sync tool call handed to the thread that will run the tool. */
  private static final WeakIdentityMap<TracingContext> PENDING = new WeakIdentityMap<>();

  private McpServerSpans() {}

  /**
   * Returns the server's {@code tools/call} handler wrapped to trace each call; the handler itself
   * when it cannot be wrapped.
   */
  public static Object toolsCallHandler(Object server, Object handler) {
    try {
      if (handler == null || Proxy.isProxyClass(handler.getClass())) {
        return handler;
      }
      for (Class<?> type : handler.getClass().getInterfaces()) {
        if (type.getName().equals(REQUEST_HANDLER)) {
          return Proxy.newProxyInstance(
              type.getClassLoader(), new Class<?>[] {type}, new ToolsCallHandler(server, handler));
        }
      }
    } catch (Throwable t) {
      McpValues.failed("server-handler", t);
    }
    return handler;
  }

  /**
   * Returns a copy of a {@code SyncToolSpecification} whose handler runs in the context its call
   * was started in (see {@link #handingOverContext}); the specification itself when it cannot be
   * copied.
   */
  public static Object runningInCallContext(Object syncSpecification) {
    try {
      if (CALL_HANDLER.call(syncSpecification) instanceof BiFunction<?, ?, ?> handler
          && !(handler instanceof InCallContext)) {
        Object copy =
            Reflect.withComponent(syncSpecification, "callHandler", new InCallContext(handler));
        if (copy != null) {
          return copy;
        }
      }
    } catch (Throwable t) {
      McpValues.failed("sync-tool", t);
    }
    return syncSpecification;
  }

  /**
   * Returns a copy of the {@code AsyncToolSpecification} made from a sync one whose handler notes,
   * for each request, the context current when the call is made, for the sync handler to take up on
   * the thread it runs on; the specification itself when it cannot be copied.
   */
  public static Object handingOverContext(Object asyncSpecification) {
    try {
      if (CALL_HANDLER.call(asyncSpecification) instanceof BiFunction<?, ?, ?> handler
          && !(handler instanceof HandOver)) {
        Object copy =
            Reflect.withComponent(asyncSpecification, "callHandler", new HandOver(handler));
        if (copy != null) {
          return copy;
        }
      }
    } catch (Throwable t) {
      McpValues.failed("async-tool", t);
    }
    return asyncSpecification;
  }

  /** The {@code tools/call} handler: {@code handle(exchange, params)} inside a function span. */
  private static final class ToolsCallHandler implements InvocationHandler {
    private final Object server;
    private final Object handler;

    ToolsCallHandler(Object server, Object handler) {
      this.server = server;
      this.handler = handler;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getDeclaringClass() == Object.class) {
        switch (method.getName()) {
          case "equals":
            return proxy == args[0];
          case "hashCode":
            return System.identityHashCode(proxy);
          default:
            return "traced " + handler;
        }
      }
      ServerCall call =
          method.getName().equals("handle") && args != null && args.length == 2
              ? ServerCall.start(server, args[1])
              : null;
      Object result;
      try {
        result = method.invoke(handler, args);
      } catch (InvocationTargetException e) {
        if (call != null) {
          call.failed(e.getCause());
        }
        throw e.getCause();
      }
      return call == null ? result : call.returned(result);
    }
  }

  /** One {@code tools/call} under way: its span, and the trace it continues, if any. */
  private static final class ServerCall implements Completion.Listener {
    private final Span span;
    private final Trace trace;
    private final TracingContext before;

    private ServerCall(Span span, Trace trace, TracingContext before) {
      this.span = span;
      this.trace = trace;
      this.before = before;
    }

    /** Starts the span of a call from its JSON-RPC params; null when tracing is off or failed. */
    static ServerCall start(Object server, Object params) {
      try {
        if (!Tracing.isEnabled()) {
          return null;
        }
        TracingContext before = TracingContext.current();
        Object name = McpValues.get(params, "name");
        String tool = name == null ? "tool" : name.toString();
        Object traceparent = McpValues.get(McpValues.get(params, "_meta"), McpValues.TRACEPARENT);
        Trace trace =
            traceparent instanceof String header && !header.isBlank()
                ? Tracing.continueTrace(header, tool)
                : null;
        Span span =
            Tracing.startSpan(
                new FunctionSpanData(
                    tool,
                    McpValues.input(McpValues.get(params, "arguments")),
                    null,
                    McpValues.serverData(Reflect.field(server, "serverInfo"))));
        return new ServerCall(span, trace, before);
      } catch (Throwable t) {
        McpValues.failed("server-call", t);
        return null;
      }
    }

    /** The handler threw: the span records it and ends now. */
    void failed(Throwable thrown) {
      try {
        span.recordException(thrown);
      } catch (Throwable t) {
        McpValues.failed("server-call-end", t);
      }
      leave();
      onEnd(null, false);
    }

    /** The handler returned its {@code Mono}: the span ends with it. */
    Object returned(Object result) {
      Object watched = null;
      try {
        watched = Completion.watchPublisher(result, this);
      } catch (Throwable t) {
        McpValues.failed("server-call-end", t);
      }
      leave();
      if (watched == null) {
        onEnd(null, false);
        return result;
      }
      return watched;
    }

    @Override
    public void onItem(Object item) {
      McpValues.recordResult(span, item);
    }

    @Override
    public void onEnd(Throwable failure, boolean cancelled) {
      try {
        if (failure != null) {
          span.recordException(failure);
        }
      } catch (Throwable t) {
        McpValues.failed("server-call-end", t);
      } finally {
        span.end();
        if (trace != null) {
          trace.end();
        }
      }
    }

    /** Restores, on the handler's thread, what was current before the call. */
    private void leave() {
      try {
        span.releaseScope();
        if (trace != null) {
          before.makeCurrent();
        }
      } catch (Throwable t) {
        McpValues.failed("server-call-scope", t);
      }
    }
  }

  /** The handler of a sync tool's async form: notes the context of each call's request. */
  private static final class HandOver implements BiFunction<Object, Object, Object> {
    private final BiFunction<Object, Object, Object> handler;

    @SuppressWarnings("unchecked")
    HandOver(BiFunction<?, ?, ?> handler) {
      this.handler = (BiFunction<Object, Object, Object>) handler;
    }

    @Override
    public Object apply(Object exchange, Object request) {
      try {
        TracingContext context = TracingContext.current();
        if (request != null && !context.isEmpty()) {
          PENDING.put(request, context);
        }
      } catch (Throwable t) {
        McpValues.failed("sync-tool-context", t);
      }
      return handler.apply(exchange, request);
    }
  }

  /** A sync tool's handler: runs in the context noted for its request, when there is one. */
  private static final class InCallContext implements BiFunction<Object, Object, Object> {
    private final BiFunction<Object, Object, Object> handler;

    @SuppressWarnings("unchecked")
    InCallContext(BiFunction<?, ?, ?> handler) {
      this.handler = (BiFunction<Object, Object, Object>) handler;
    }

    @Override
    public Object apply(Object exchange, Object request) {
      TracingContext context = null;
      try {
        context = request == null ? null : PENDING.remove(request);
      } catch (Throwable t) {
        McpValues.failed("sync-tool-context", t);
      }
      if (context == null) {
        return handler.apply(exchange, request);
      }
      try (Scope ignored = context.makeCurrent()) {
        return handler.apply(exchange, request);
      }
    }
  }
}
