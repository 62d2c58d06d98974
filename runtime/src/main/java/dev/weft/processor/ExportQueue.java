package dev.weft.processor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * The bounded queue between the threads that end spans and the one worker that exports them: any
 * number of producers, one consumer, no locks and no allocation per item.
 *
 * <p>A producer claims a slot by advancing the produced count with a compare-and-set and then
 * publishes its item into the slot; {@link #offer} fails at once when the queue is full, so a
 * producer never waits. The consumer takes published items in order and frees their slots in one
 * step per batch. An item whose slot is claimed but not yet published (its producer was descheduled
 * in between) is left for the next drain rather than waited for.
 */
final class ExportQueue {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Object[].class);
  private static final VarHandle PRODUCED;
  private static final VarHandle PRODUCER_LIMIT;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      PRODUCED = lookup.findVarHandle(ExportQueue.class, "produced", long.class);
      PRODUCER_LIMIT = lookup.findVarHandle(ExportQueue.class, "producerLimit", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** How often the consumer re-reads a claimed slot before leaving it for the next drain. */
  private static final int PUBLISH_SPINS = 64;

  private final Object[] slots;
  private final int mask;
  private final int capacity;

  // The counters written by producers and the one written by the consumer are kept on cache lines
  // of their own (the JVM lays out fields of one type together, in declaration order), so the
  // consumer's progress does not take the line every producer's claim needs, and back.
  @SuppressWarnings("unused")
  private long padA1, padA2, padA3, padA4, padA5, padA6, padA7, padA8;

  // Claimed by producers: the index of the next slot to claim.
  private volatile long produced;

  // What producers may claim up to without reading consumed, which the consumer writes: a stale
  // (lower) value only makes a producer re-read consumed. Read with acquire and written with
  // release, so a producer relying on another's reading of consumed also sees the freed slots.
  private volatile long producerLimit;

  @SuppressWarnings("unused")
  private long padB1, padB2, padB3, padB4, padB5, padB6, padB7, padB8;

  // Written by the consumer only: the index of the next item to take.
  private volatile long consumed;

  @SuppressWarnings("unused")
  private long padC1, padC2, padC3, padC4, padC5, padC6, padC7, padC8;

  /** The largest capacity. */
  static final int MAX_CAPACITY = 1 << 30;

  /** Returns how many items the queue holds at most. */
  int capacity() {
    return capacity;
  }

  ExportQueue(int capacity) {
    if (capacity < 1 || capacity > MAX_CAPACITY) {
      throw new IllegalArgumentException("capacity out of range: " + capacity);
    }
    this.capacity = capacity;
    int length = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
    this.slots = new Object[Math.max(length, 2)];
    this.mask = slots.length - 1;
    this.producerLimit = capacity;
  }

  /** Adds {@code item} (not null) and returns true, or returns false at once when full. */
  boolean offer(Object item) {
    long limit = (long) PRODUCER_LIMIT.getAcquire(this);
    long index;
    do {
      index = produced;
      if (index >= limit) {
        limit = consumed + capacity;
        if (index >= limit) {
          return false;
        }
        PRODUCER_LIMIT.setRelease(this, limit);
      }
    } while (!PRODUCED.compareAndSet(this, index, index + 1));
    SLOTS.setRelease(slots, (int) index & mask, item);
    return true;
  }

  /** Returns how many items are queued (claimed or published, not yet taken). */
  int size() {
    long taken = consumed;
    long size = produced - taken;
    return (int) Math.min(Math.max(size, 0), capacity);
  }

  /**
   * Moves up to {@code max} published items, oldest first, into {@code into}; returns how many.
   * Called by the single consumer only.
   */
  int drainTo(List<Object> into, int max) {
    long index = consumed;
    int count = 0;
    while (count < max) {
      int slot = (int) index & mask;
      Object item = SLOTS.getAcquire(slots, slot);
      if (item == null) {
        if (index == produced) {
          break;
        }
        item = awaitPublished(slot);
        if (item == null) {
          break;
        }
      }
      // Plain write: the volatile write of consumed below publishes it before any producer can
      // claim this slot again.
      slots[slot] = null;
      into.add(item);
      index++;
      count++;
    }
    if (count > 0) {
      consumed = index;
    }
    return count;
  }

  private Object awaitPublished(int slot) {
    for (int i = 0; i < PUBLISH_SPINS; i++) {
      Thread.onSpinWait();
      Object item = SLOTS.getAcquire(slots, slot);
      if (item != null) {
        return item;
      }
    }
    return null;
  }
}
