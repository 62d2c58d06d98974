package dev.weft.instrumentation.mcp;

import dev.weft.Span;
import dev.weft.Tracing;
import dev.weft.data.FunctionSpanData;
import dev.weft.data.McpToolsSpanData;
import dev.weft.instrumentation.api.Completion;
import dev.weft.instrumentation.api.Reflect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What the advice on {@code McpAsyncClient} does, out of line: an {@code mcp_tools} span per tool
 * listing and a {@code function} span per tool call, each ending when the returned {@code Mono}
 * terminates or is cancelled, and the call's {@code traceparent} put into the request's {@code
 * _meta}. The sync client delegates to the async one, so it gets the same single span per call.
 * Every method is safe to call with anything: a failure is logged once, rate-limited, and never
 * reaches the application.
 */
public final class McpClientSpans {
  // The accessors read, each remembering the methods it found on the classes it met.
  private static final Reflect.Accessor ARGUMENTS = Reflect.accessor("arguments");
  private static final Reflect.Accessor GET_SERVER_INFO = Reflect.accessor("getServerInfo");
  private static final Reflect.Accessor META = Reflect.accessor("meta");
  private static final Reflect.Accessor NAME = Reflect.accessor("name");
  private static final Reflect.Accessor TOOLS = Reflect.accessor("tools");

  /** Listings already inside one on this thread: {@code listTools()} calls a paged overload. */
  private static final ThreadLocal<int[]> LIST_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  /** Clients with an all-pages listing under way, whose follow-up pages belong to its span. */
  private static final Map<Object, int[]> LISTING_ALL_PAGES =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Function spans that already stand for one MCP call and take no second one. */
  private static final Set<Span> CLAIMED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  private McpClientSpans() {}

  // ---------------------------------------------------------------- listTools

  /**
   * Starts the {@code mcp_tools} span of a listing: {@code listTools()} ({@code allPages}) or one
   * page, {@code listTools(cursor[, meta])}. Returns null inside another listing on this thread,
   * and for the follow-up pages of an all-pages listing of the same client.
   */
  public static Object listStart(Object client, boolean allPages, Object cursor) {
    int[] depth = LIST_DEPTH.get();
    depth[0]++;
    try {
      if (!Tracing.isEnabled()
          || depth[0] > 1
          || (!allPages && cursor instanceof String s && !s.isEmpty() && isListingAll(client))) {
        return null;
      }
      Span span = Tracing.startSpan(new McpToolsSpanData(serverName(client), List.of()));
      if (allPages) {
        synchronized (LISTING_ALL_PAGES) {
          LISTING_ALL_PAGES.computeIfAbsent(client, k -> new int[1])[0]++;
        }
      }
      return new Listing(span, client, allPages);
    } catch (Throwable t) {
      McpValues.failed("list", t);
      return null;
    }
  }

  /**
   * Leaves the listing's span open until {@code result} (a {@code Mono} of {@code ListToolsResult})
   * ends and returns the publisher to hand to the application in its place; the result itself when
   * nothing was started or it cannot be watched (then the span ends now).
   */
  public static Object listEnd(Object state, Object result, Throwable thrown) {
    LIST_DEPTH.get()[0]--;
    if (!(state instanceof Listing listing)) {
      return result;
    }
    try {
      listing.span.releaseScope();
      if (thrown == null) {
        Object watched = Completion.watchPublisher(result, listing);
        if (watched != null) {
          return watched;
        }
      } else {
        listing.span.recordException(thrown);
      }
    } catch (Throwable t) {
      McpValues.failed("list-end", t);
    }
    listing.onEnd(null, false);
    return result;
  }

  // ---------------------------------------------------------------- callTool

  /**
   * Starts the {@code function} span of {@code callTool(request)}, current until {@link #callEnd};
   * or, when the current span is a {@code function} span no MCP call has claimed yet (a tool
   * callback's or a {@code @ToolSpan} method's span around this call), adds {@code mcp_data} to it
   * and starts nothing.
   */
  public static Object callStart(Object client, Object request) {
    try {
      if (!Tracing.isEnabled()) {
        return null;
      }
      Map<String, Object> server = McpValues.serverData(GET_SERVER_INFO.call(client));
      Span current = Tracing.currentSpan();
      if (current != null
          && current.data() instanceof FunctionSpanData function
          && function.mcpData() == null
          && CLAIMED.add(current)) {
        McpValues.addServerData(current, server);
        return new ToolCall(current, client, false);
      }
      String name = NAME.text(request);
      Span span =
          Tracing.startSpan(
              new FunctionSpanData(
                  name == null ? "tool" : name,
                  McpValues.input(ARGUMENTS.call(request)),
                  null,
                  server));
      CLAIMED.add(span);
      return new ToolCall(span, client, true);
    } catch (Throwable t) {
      McpValues.failed("call", t);
      return null;
    }
  }

  /**
   * Returns {@code request} with the current span's {@code traceparent} added to its {@code _meta},
   * keeping every entry the application put there (a {@code traceparent} of its own included); the
   * request itself when nothing is current or the copy fails.
   */
  public static Object withTraceContext(Object state, Object request) {
    try {
      if (state == null) {
        return request;
      }
      String traceparent = Tracing.currentTraceparent();
      if (traceparent == null) {
        return request;
      }
      Object meta = META.call(request);
      if (meta instanceof Map<?, ?> map && map.containsKey(McpValues.TRACEPARENT)) {
        return request;
      }
      Map<Object, Object> merged = new LinkedHashMap<>();
      if (meta instanceof Map<?, ?> map) {
        merged.putAll(map);
      }
      merged.put(McpValues.TRACEPARENT, traceparent);
      Object copy = Reflect.withComponent(request, "meta", merged);
      return copy == null ? request : copy;
    } catch (Throwable t) {
      McpValues.failed("traceparent", t);
      return request;
    }
  }

  /**
   * Leaves the call's span open until {@code result} (a {@code Mono} of {@code CallToolResult})
   * ends and returns the publisher to hand to the application in its place; the result itself when
   * nothing was started or it cannot be watched (then the span ends now).
   */
  public static Object callEnd(Object state, Object result, Throwable thrown) {
    if (!(state instanceof ToolCall call)) {
      return result;
    }
    try {
      if (call.owned) {
        call.span.releaseScope();
      }
      if (thrown == null) {
        Object watched = Completion.watchPublisher(result, call);
        if (watched != null) {
          return watched;
        }
      } else {
        call.span.recordException(thrown);
      }
    } catch (Throwable t) {
      McpValues.failed("call-end", t);
    }
    call.onEnd(null, false);
    return result;
  }

  // ---------------------------------------------------------------- reading the client

  private static String serverName(Object client) {
    return NAME.text(GET_SERVER_INFO.call(client));
  }

  private static boolean isListingAll(Object client) {
    synchronized (LISTING_ALL_PAGES) {
      int[] count = LISTING_ALL_PAGES.get(client);
      return count != null && count[0] > 0;
    }
  }

  /** An {@code mcp_tools} span waiting for its listing's end. */
  private static final class Listing implements Completion.Listener {
    private final Span span;
    private final Object client;
    private final boolean allPages;
    private final Set<String> names = Collections.synchronizedSet(new LinkedHashSet<>());

    Listing(Span span, Object client, boolean allPages) {
      this.span = span;
      this.client = client;
      this.allPages = allPages;
    }

    @Override
    public void onItem(Object item) {
      if (TOOLS.call(item) instanceof List<?> tools) {
        for (Object tool : tools) {
          String name = NAME.text(tool);
          if (name != null) {
            names.add(name);
          }
        }
      }
    }

    @Override
    public void onEnd(Throwable failure, boolean cancelled) {
      try {
        if (allPages) {
          synchronized (LISTING_ALL_PAGES) {
            int[] count = LISTING_ALL_PAGES.get(client);
            if (count != null && --count[0] <= 0) {
              LISTING_ALL_PAGES.remove(client);
            }
          }
        }
        if (span.data() instanceof McpToolsSpanData data) {
          String server = data.server() != null ? data.server() : serverName(client);
          List<String> listed;
          synchronized (names) {
            listed = new ArrayList<>(names);
          }
          span.setData(new McpToolsSpanData(server, listed));
        }
        if (failure != null) {
          span.recordException(failure);
        }
      } catch (Throwable t) {
        McpValues.failed("list-end", t);
      } finally {
        span.end();
      }
    }
  }

  /** A tool call waiting for its result: a span of its own, or the enclosing one it marked. */
  private static final class ToolCall implements Completion.Listener {
    private final Span span;
    private final Object client;
    private final boolean owned;

    ToolCall(Span span, Object client, boolean owned) {
      this.span = span;
      this.client = client;
      this.owned = owned;
    }

    @Override
    public void onItem(Object item) {
      if (owned) {
        McpValues.recordResult(span, item);
      }
    }

    @Override
    public void onEnd(Throwable failure, boolean cancelled) {
      try {
        McpValues.addServerData(span, McpValues.serverData(GET_SERVER_INFO.call(client)));
        if (failure != null && owned) {
          span.recordException(failure);
        }
      } catch (Throwable t) {
        McpValues.failed("call-end", t);
      } finally {
        if (owned) {
          span.end();
        }
      }
    }
  }
}
