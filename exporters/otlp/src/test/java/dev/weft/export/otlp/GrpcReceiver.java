package dev.weft.export.otlp;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/gRPC collector on the loopback interface: the official {@code TraceService} of
 * opentelemetry-proto served by grpc-java, keeping each request with the metadata it came with.
 */
final class GrpcReceiver implements AutoCloseable {
  /** One export call: its request and its metadata (headers). */
  record Call(ExportTraceServiceRequest request, Metadata headers) {
    String header(String name) {
      return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }
  }

  private final List<Call> calls = new ArrayList<>();
  private final Server server;

  private GrpcReceiver(NettyServerBuilder builder) throws IOException {
    this.server =
        builder.addService(ServerInterceptors.intercept(new Service(), new KeepHeaders())).build();
    server.start();
  }

  /** Starts a plain-text (h2c) receiver. */
  static GrpcReceiver start() throws IOException {
    return new GrpcReceiver(
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
  }

  /** Starts a receiver configured further by the caller, for TLS. */
  static GrpcReceiver start(NettyServerBuilder builder) throws IOException {
    return new GrpcReceiver(builder);
  }

  /** Returns the receiver's endpoint, {@code http://127.0.0.1:<port>} or {@code https://…}. */
  URI uri(String scheme) {
    return URI.create(scheme + "://127.0.0.1:" + server.getPort());
  }

  /** Waits until at least {@code count} calls arrived; returns them. */
  synchronized List<Call> awaitCalls(int count, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (calls.size() < count) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    return List.copyOf(calls);
  }

  /** Returns every span of every call. */
  static List<Span> spans(List<Call> calls) {
    List<Span> spans = new ArrayList<>();
    for (Call call : calls) {
      for (ResourceSpans resource : call.request().getResourceSpansList()) {
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          spans.addAll(scope.getSpansList());
        }
      }
    }
    return spans;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static final io.grpc.Context.Key<Metadata> HEADERS = io.grpc.Context.key("headers");

  /** Hands each call's metadata to the service through the gRPC context. */
  private static final class KeepHeaders implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      return io.grpc.Contexts.interceptCall(
          io.grpc.Context.current().withValue(HEADERS, headers), call, headers, next);
    }
  }

  private final class Service extends TraceServiceGrpc.TraceServiceImplBase {
    @Override
    public void export(
        ExportTraceServiceRequest request,
        StreamObserver<ExportTraceServiceResponse> responseObserver) {
      synchronized (GrpcReceiver.this) {
        calls.add(new Call(request, HEADERS.get()));
        GrpcReceiver.this.notifyAll();
      }
      responseObserver.onNext(ExportTraceServiceResponse.getDefaultInstance());
      responseObserver.onCompleted();
    }
  }
}
