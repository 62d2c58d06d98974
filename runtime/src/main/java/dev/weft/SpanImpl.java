package dev.weft;

import dev.weft.data.SpanData;
import dev.weft.data.SpanError;
import dev.weft.data.Usage;
import dev.weft.internal.Ids;
import dev.weft.internal.WeftLog;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A live span. Its id is kept as two numbers and formatted only when first asked for, which is
 * usually on the exporter's thread, so starting a span allocates little.
 */
final class SpanImpl implements Span {
  private static final VarHandle DATA;
  private static final VarHandle ERROR;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      DATA = lookup.findVarHandle(SpanImpl.class, "data", SpanData.class);
      ERROR = lookup.findVarHandle(SpanImpl.class, "error", SpanError.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final TraceImpl trace;
  private final SpanImpl parent;
  private final long idHigh;
  private final long idLow;
  private final long startedAtMicros;
  private final Object previous;
  private final Thread owner;
  private String id;
  // Volatile so that isEnded(), read when a scope closes, needs no lock; written under the lock.
  private volatile long endedAtMicros;
  // Written under the lock with release; read with acquire and without the lock, since every traced
  // call reads its data at exit, and an uncontended lock still costs two atomic instructions.
  private SpanData data;
  private SpanError error;
  private Map<String, Object> metadata;
  private int turns;

  SpanImpl(TraceImpl trace, SpanImpl parent, SpanData data, Object previous) {
    this(trace, parent, data, previous, trace.tracer.clock.nowMicros());
  }

  SpanImpl(TraceImpl trace, SpanImpl parent, SpanData data, Object previous, long startedAtMicros) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    this.trace = trace;
    this.parent = parent;
    this.idHigh = random.nextLong();
    this.idLow = random.nextLong();
    this.data = data;
    this.previous = previous;
    this.owner = Thread.currentThread();
    this.startedAtMicros = startedAtMicros;
  }

  @Override
  public String spanId() {
    String value = id;
    if (value == null) {
      value = Ids.spanId(idHigh, idLow);
      id = value;
    }
    return value;
  }

  @Override
  public String traceId() {
    return trace.traceId();
  }

  /**
   * Returns the low 64 bits of the span id: the span id as W3C Trace Context carries it, whose 16
   * hex are the last 16 of the formatted id.
   */
  long w3cSpanBits() {
    return idLow;
  }

  @Override
  public String parentId() {
    return parent == null ? trace.remoteParentId() : parent.spanId();
  }

  @Override
  public Span parent() {
    return parent;
  }

  @Override
  public long startedAtMicros() {
    return startedAtMicros;
  }

  @Override
  public long endedAtMicros() {
    return endedAtMicros;
  }

  @Override
  public SpanData data() {
    return (SpanData) DATA.getAcquire(this);
  }

  @Override
  public SpanError error() {
    return (SpanError) ERROR.getAcquire(this);
  }

  @Override
  public synchronized Map<String, Object> metadata() {
    return metadata == null ? Map.of() : Collections.unmodifiableMap(metadata);
  }

  @Override
  public boolean isRecording() {
    return trace.isRecording();
  }

  @Override
  public boolean isEnded() {
    return endedAtMicros != 0;
  }

  @Override
  public synchronized Span setData(SpanData newData) {
    if (newData != null && open("setData")) {
      DATA.setRelease(this, newData);
    }
    return this;
  }

  @Override
  public Span setError(SpanError newError) {
    // Error messages are captured text like any other: secrets in them are redacted, outside the
    // lock, since redaction reads the whole message.
    SpanError redacted = redacted(newError);
    synchronized (this) {
      if (open("setError")) {
        ERROR.setRelease(this, redacted);
      }
    }
    return this;
  }

  private static SpanError redacted(SpanError error) {
    if (error == null || error.message() == null) {
      return error;
    }
    String message = Tracing.tracer().valueRenderer().redact(error.message());
    return message.equals(error.message()) ? error : new SpanError(message, error.data());
  }

  @Override
  public Span recordException(Throwable exception) {
    if (exception != null) {
      setError(SpanError.fromException(exception, trace.tracer.includeSensitiveData));
    }
    return this;
  }

  @Override
  public synchronized Span setUsage(Usage usage) {
    if (!open("setUsage")) {
      return this;
    }
    SpanData updated = data.withUsage(usage);
    DATA.setRelease(this, updated);
    return this;
  }

  @Override
  public synchronized Span setMetadata(String key, Object value) {
    if (key != null && open("setMetadata")) {
      if (metadata == null) {
        metadata = new LinkedHashMap<>();
      }
      metadata.put(key, value);
    }
    return this;
  }

  @Override
  public synchronized int nextTurnNumber() {
    return ++turns;
  }

  @Override
  public void end() {
    long now;
    synchronized (this) {
      if (endedAtMicros != 0) {
        return;
      }
      now = Math.max(trace.tracer.clock.nowMicros(), startedAtMicros);
      endedAtMicros = now;
      if (!trace.tracer.includeSensitiveData) {
        DATA.setRelease(this, data.withoutSensitiveContent());
        ERROR.setRelease(this, error == null ? null : error.withoutSensitiveContent());
        metadata = null;
      }
    }
    trace.spanEnded(this);
    if (trace.implicitRoot == this) {
      // The implicit trace ends with its span, at the same moment: one clock read for both.
      trace.endAt(now);
    }
  }

  @Override
  public void releaseScope() {
    if (Thread.currentThread() == owner) {
      ContextStorage.restore(this, previous);
    }
  }

  @Override
  public void close() {
    try {
      if (Thread.currentThread() == owner) {
        ContextStorage.restore(this, previous);
      }
      end();
    } catch (Throwable t) {
      WeftLog.warnRateLimited("span-close", "closing a span failed", t);
    }
  }

  /**
   * Returns the immutable snapshot of this span; called once it has ended, on the thread that ended
   * it, which saw every write before the end under the lock, and nothing writes after the end.
   */
  SpanRecord toRecord(TraceRecord traceRecord) {
    long parentHigh = 0;
    long parentLow = 0;
    if (parent != null) {
      parentHigh = parent.idHigh;
      parentLow = parent.idLow;
    }
    Map<String, Object> ended = metadata == null ? null : Collections.unmodifiableMap(metadata);
    return SpanRecord.ofTracer(
        traceRecord,
        idHigh,
        idLow,
        parentHigh,
        parentLow,
        parent == null ? trace.remoteParentId() : null,
        startedAtMicros,
        endedAtMicros,
        data(),
        error(),
        ended);
  }

  Object previous() {
    return previous;
  }

  boolean ownedBy(Thread thread) {
    return owner == thread;
  }

  private boolean open(String what) {
    if (endedAtMicros == 0) {
      return true;
    }
    if (WeftLog.isEnabled(WeftLog.Level.DEBUG)) {
      WeftLog.debug(what + " on an ended span is ignored");
    }
    return false;
  }

  @Override
  public String toString() {
    SpanData current = data();
    return "Span[" + current.type() + " " + current.displayName() + "]";
  }
}
