package dev.weft.export.otlp;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * An OTLP/HTTP receiver on the loopback interface over TLS, optionally requiring a client
 * certificate; it keeps each body with the client certificate's subject, if one was presented.
 */
final class TlsReceiver implements AutoCloseable {
  /** One request: its body and the client's certificate subject, or null. */
  record Received(byte[] body, String clientSubject) {}

  private final HttpsServer server;
  private final List<Received> received = new ArrayList<>();

  TlsReceiver(SSLContext context, boolean needClientCertificate) throws IOException {
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setNeedClientAuth(needClientCertificate);
            params.setSSLParameters(parameters);
          }
        });
    server.setExecutor(
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "tls-receiver");
              thread.setDaemon(true);
              return thread;
            }));
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          String subject = null;
          try {
            Principal peer = ((HttpsExchange) exchange).getSSLSession().getPeerPrincipal();
            subject = peer.getName();
          } catch (SSLPeerUnverifiedException e) {
            // no client certificate
          }
          synchronized (this) {
            received.add(new Received(body, subject));
            notifyAll();
          }
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  URI uri(String path) {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  synchronized List<Received> await(int count, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (received.size() < count) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
