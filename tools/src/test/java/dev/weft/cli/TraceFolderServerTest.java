package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceFolderServerTest {
  @TempDir Path dir;
  private final CommandOutput output = new CommandOutput();
  private final HttpClient http = HttpClient.newHttpClient();
  private TraceFolderServer server;

  @BeforeEach
  void start() throws IOException {
    TraceFileFixtures.podcast().writeTo(dir);
    server = TraceFolderServer.start(dir, 0, output.err);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void start_servesTheViewerPageAndTraceFilesOnLoopback() throws Exception {
    HttpResponse<String> page = get("/");
    HttpResponse<String> trace = get("/" + TraceFileFixtures.PODCAST_ID + ".json");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("Weft");
    assertThat(trace.statusCode()).isEqualTo(200);
    assertThat(trace.body())
        .isEqualTo(Files.readString(dir.resolve(TraceFileFixtures.PODCAST_ID + ".json")));
    assertThat(trace.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(server.pageUri().getHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void start_servesTheBuiltInPricesOfThePageCosts() throws Exception {
    HttpResponse<String> prices = get("/weft-prices.js");

    assertThat(prices.statusCode()).isEqualTo(200);
    assertThat(prices.body())
        .startsWith("weft.prices({")
        .contains("\"gpt-4.1-mini\":[0.4,0.1,1.6]");
  }

  @Test
  void aTraceFileAddedWhileServing_isListedInTheIndexThePagePolls() throws Exception {
    assertThat(get("/weft-index/000000.js?v=1").body())
        .contains(TraceFileFixtures.PODCAST_ID)
        .doesNotContain(TraceFileFixtures.SUPPORT_ID);

    TraceFileFixtures.tripped().writeTo(dir);
    HttpResponse<String> index = get("/weft-index/000000.js?v=2");

    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains(TraceFileFixtures.SUPPORT_ID);
    Matcher pack =
        Pattern.compile(
                "\\{\"id\":\""
                    + TraceFileFixtures.SUPPORT_ID
                    + "\",[^\\n]*\"data\":\"(pack_[0-9a-f]{16}\\.js)\"")
            .matcher(index.body());
    assertThat(pack.find()).as(index.body()).isTrue();
    assertThat(get("/weft-data/" + pack.group(1)).body())
        .startsWith("weft.trace(")
        .contains("\"" + TraceFileFixtures.SUPPORT_ID + "\");");
  }

  @Test
  void aMalformedTraceFileAddedWhileServing_isReportedOnOneLine() throws Exception {
    Files.writeString(dir.resolve("trace_torn.json"), "{\"trace\":");

    assertThat(get("/weft-index/000000.js").statusCode()).isEqualTo(200);

    assertThat(output.err().lines())
        .singleElement()
        .asString()
        .startsWith("unreadable trace file ")
        .contains("trace_torn.json");
  }

  @Test
  void requestsOutsideTheFolderOrForHiddenOrUnknownFiles_areNotFound() throws Exception {
    Files.writeString(dir.resolve(".secret.json"), "{}");
    Files.writeString(dir.getParent().resolve("outside.json"), "{}");

    assertThat(get("/../outside.json").statusCode()).isEqualTo(404);
    assertThat(get("/%2e%2e/outside.json").statusCode()).isEqualTo(404);
    assertThat(get("/.secret.json").statusCode()).isEqualTo(404);
    assertThat(get("/missing.json").statusCode()).isEqualTo(404);
    assertThat(get("/weft-index/999999.js").statusCode()).isEqualTo(404);
  }

  @Test
  void linksOutOfTheFolder_areNotFollowed() throws Exception {
    Path outside = Files.createDirectories(dir.getParent().resolve("outside"));
    Files.writeString(outside.resolve("secret.json"), "{\"secret\":true}");
    Files.createSymbolicLink(dir.resolve("link.json"), outside.resolve("secret.json"));
    Files.createSymbolicLink(dir.resolve("linked"), outside);
    Files.writeString(dir.resolve("inside.json"), "{}");
    Files.createSymbolicLink(dir.resolve("alias.json"), dir.resolve("inside.json"));

    assertThat(get("/link.json").statusCode()).isEqualTo(404);
    assertThat(get("/linked/secret.json").statusCode()).isEqualTo(404);
    assertThat(get("/alias.json").statusCode()).isEqualTo(200);
  }

  @Test
  void writesAndForeignHostNames_areRefused() throws Exception {
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(server.pageUri())
                .POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String rebound = rawGet("/", "attacker.example");
    String local = rawGet("/", "localhost:" + server.port());

    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(rebound).startsWith("HTTP/1.1 403");
    assertThat(local).startsWith("HTTP/1.1 200");
  }

  /** Sends a GET with a chosen Host header, which the JDK's client does not allow to set. */
  private String rawGet(String path, String host) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket
          .getOutputStream()
          .write(
              ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
