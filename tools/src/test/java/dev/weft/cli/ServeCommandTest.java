package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
  @TempDir Path dir;
  private final CommandOutput output = new CommandOutput();

  @Test
  void run_servesTheFolderUntilInterruptedAndPrintsTheAddress() throws Exception {
    TraceFileFixtures.podcast().writeTo(dir);
    CompletableFuture<Integer> status = new CompletableFuture<>();
    Thread serving =
        new Thread(
            () ->
                status.complete(
                    ServeCommand.run(
                        new String[] {dir.toString(), "--port", "0"}, output.out, output.err)));
    serving.start();

    URI page = awaitAddress();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
    serving.interrupt();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Weft");
    assertThat(status.get()).isZero();
    assertThat(output.out()).contains("Serving " + dir.toAbsolutePath().normalize());
  }

  @Test
  void run_withABadPortOrNoFolder_printsUsageAndReturnsTwo() {
    assertThat(
            ServeCommand.run(
                new String[] {dir.toString(), "--port", "http"}, output.out, output.err))
        .isEqualTo(2);
    assertThat(ServeCommand.run(new String[] {}, output.out, output.err)).isEqualTo(2);
    assertThat(output.err()).contains("--port takes a number").contains(ServeCommand.USAGE);
  }

  private URI awaitAddress() throws InterruptedException {
    Pattern address = Pattern.compile("at (http://127\\.0\\.0\\.1:\\d+/)");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = address.matcher(output.out());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(10);
    }
    throw new AssertionError("serve printed no address: " + output.out() + output.err());
  }
}
