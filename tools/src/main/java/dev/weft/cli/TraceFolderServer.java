package dev.weft.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.weft.tracefile.TraceFiles;
import dev.weft.viewer.IndexListing;
import dev.weft.viewer.TraceFolderViewer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A web server on the loopback interface over one trace folder: the viewer page and the files it
 * loads. The page polls the folder's index; before each index request, trace files that appeared
 * without one (copied in, or written by an older version) are indexed, so they show up too.
 */
final class TraceFolderServer implements AutoCloseable {
  private static final Charset UTF8 = StandardCharsets.UTF_8;
  private static final Map<String, String> CONTENT_TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "json", "application/json",
          "css", "text/css; charset=utf-8");

  private final Path dir;
  private final PrintStream err;
  private final HttpServer server;
  private final ExecutorService handlers;
  private final Map<String, FileTime> indexed = new HashMap<>();
  private final IndexListing listing;

  private TraceFolderServer(
      Path dir, PrintStream err, HttpServer server, ExecutorService handlers) {
    this.dir = dir;
    this.listing = new IndexListing(dir);
    this.err = err;
    this.server = server;
    this.handlers = handlers;
  }

  /**
   * Installs the viewer in {@code dir} and starts serving it on 127.0.0.1.
   *
   * @param port the port, 0 for any free one
   * @param err where unreadable trace files are reported, one line each
   */
  static TraceFolderServer start(Path dir, int port, PrintStream err) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    TraceFolderViewer.install(root, TraceInputs.prices().modelPrices());
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    ExecutorService handlers =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "weft-serve");
              thread.setDaemon(true);
              return thread;
            });
    TraceFolderServer folderServer = new TraceFolderServer(root, err, server, handlers);
    server.createContext("/", folderServer::handle);
    server.setExecutor(handlers);
    server.start();
    return folderServer;
  }

  /** Returns the port the server listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  /** Returns the address of the viewer page. */
  URI pageUri() {
    return URI.create("http://127.0.0.1:" + port() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())
          && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(UTF8));
        return;
      }
      if (!fromLoopbackName(exchange.getRequestHeaders().getFirst("Host"))) {
        // A page on another site must not read traces through a DNS name pointed at 127.0.0.1.
        send(exchange, 403, "text/plain; charset=utf-8", "forbidden\n".getBytes(UTF8));
        return;
      }
      String path = exchange.getRequestURI().getPath();
      Path file = resolve(path);
      if (file == null) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(UTF8));
        return;
      }
      if (path.startsWith("/weft-index/")) {
        indexNewTraceFiles();
      }
      byte[] body;
      try {
        body = Files.readAllBytes(file);
      } catch (IOException e) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(UTF8));
        return;
      }
      send(exchange, 200, CONTENT_TYPES.get(extension(file)), body);
    }
  }

  /** The file under the folder that {@code path} names, or null when it names none it may serve. */
  private Path resolve(String path) {
    String relative = path.equals("/") ? TraceFolderViewer.PAGE_FILE : path.substring(1);
    if (relative.isEmpty() || relative.contains("\\") || relative.contains("\0")) {
      return null;
    }
    for (String part : relative.split("/")) {
      if (part.isEmpty() || part.startsWith(".")) {
        return null;
      }
    }
    Path file = dir.resolve(relative).normalize();
    if (!file.startsWith(dir) || !CONTENT_TYPES.containsKey(extension(file))) {
      return null;
    }
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      // A link may point anywhere: serve only regular files whose real place is in the folder.
      try {
        Path real = file.toRealPath();
        return real.startsWith(dir.toRealPath()) && Files.isRegularFile(real) ? real : null;
      } catch (IOException e) {
        return null;
      }
    }
    // The index of a folder is only ever written here; indexNewTraceFiles may create it.
    return relative.startsWith("weft-index/") && !linkedOutside(file) ? file : null;
  }

  /** Returns whether a folder on the way to {@code file} is a link that leaves the folder. */
  private boolean linkedOutside(Path file) {
    try {
      Path parent = file.getParent();
      return parent != null
          && Files.exists(parent)
          && !parent.toRealPath().startsWith(dir.toRealPath());
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Indexes trace files that are new or changed since last seen and that the index does not list as
   * of their last change; a writer that indexes its own files (the json exporter) is left to do so.
   */
  private void indexNewTraceFiles() {
    synchronized (indexed) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
        for (Path file : files) {
          String name = file.getFileName().toString();
          FileTime modified = Files.getLastModifiedTime(file);
          if (!TraceFolderViewer.isTraceFileName(name) || modified.equals(indexed.get(name))) {
            continue;
          }
          indexed.put(name, modified);
          String traceId = name.substring(0, name.length() - ".json".length());
          if (listing.listsAsOf(traceId, modified)) {
            continue;
          }
          byte[] bytes = Files.readAllBytes(file);
          TraceFolderViewer.onTraceWritten(dir, traceId, bytes);
          try {
            TraceFiles.read(file);
          } catch (IOException e) {
            // The reader's message starts with the file's path.
            err.println("unreadable trace file " + TraceInputs.oneLine(e.getMessage()));
          }
        }
      } catch (IOException | RuntimeException e) {
        err.println("could not index " + dir + ": " + TraceInputs.oneLine(e.getMessage()));
      }
    }
  }

  private static boolean fromLoopbackName(String host) {
    if (host == null) {
      return true;
    }
    String name = host.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon > 0 && !name.endsWith("]")) {
      name = name.substring(0, colon);
    }
    return name.equals("127.0.0.1") || name.equals("localhost") || name.equals("[::1]");
  }

  private static String extension(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1);
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
