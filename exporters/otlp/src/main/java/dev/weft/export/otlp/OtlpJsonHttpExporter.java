package dev.weft.export.otlp;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.zip.GZIPOutputStream;

/**
 * Posts spans in OTLP's JSON encoding ({@code http/json}) with the JDK's HTTP client. The SDK's
 * public exporters post protobuf only; the JSON body comes from the SDK's own encoder ({@link
 * OtlpJsonEncoding}), so only the posting is done here, with the same settings as the other
 * protocols: headers, gzip, timeout and TLS.
 */
final class OtlpJsonHttpExporter implements SpanExporter {
  private final OtlpSettings settings;
  private final HttpClient client;
  private final OtlpJsonEncoding encoding = new OtlpJsonEncoding();

  OtlpJsonHttpExporter(OtlpSettings settings) {
    this.settings = settings;
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(settings.timeout());
    if (settings.tls() != null) {
      client.sslContext(settings.tls().sslContext());
    }
    this.client = client.build();
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    CompletableResultCode result = new CompletableResultCode();
    HttpRequest request;
    try {
      request = request(encoding.encode(spans).getBytes(StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return CompletableResultCode.ofExceptionalFailure(e);
    }
    client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, failure) -> {
              if (failure != null) {
                result.failExceptionally(failure);
              } else if (response.statusCode() / 100 == 2) {
                result.succeed();
              } else {
                result.failExceptionally(new IOException("HTTP status " + response.statusCode()));
              }
            });
    return result;
  }

  private HttpRequest request(byte[] json) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(settings.endpoint())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json");
    byte[] body = json;
    if ("gzip".equals(settings.compression())) {
      ByteArrayOutputStream compressed = new ByteArrayOutputStream(json.length / 4 + 64);
      try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
        gzip.write(json);
      }
      body = compressed.toByteArray();
      request.header("Content-Encoding", "gzip");
    }
    settings.headers().forEach(request::header);
    return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
