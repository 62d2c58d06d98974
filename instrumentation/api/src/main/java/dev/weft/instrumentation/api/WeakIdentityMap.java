package dev.weft.instrumentation.api;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map whose keys are compared by identity and held weakly: an entry goes when its key is no
 * longer used elsewhere. For values that belong to one object, such as a request whose equal twin
 * is another request.
 */
public final class WeakIdentityMap<V> {

  /** Creates an empty map. */
  public WeakIdentityMap() {}

  private final ConcurrentHashMap<Key, V> entries = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

  /** Maps {@code key} to {@code value}. */
  public void put(Object key, V value) {
    purge();
    entries.put(new Key(key, cleared), value);
  }

  /** Removes and returns the value of {@code key}, or null. */
  public V remove(Object key) {
    purge();
    return entries.remove(new Key(key, null));
  }

  /** Returns the value of {@code key}, or null. */
  public V get(Object key) {
    purge();
    return entries.get(new Key(key, null));
  }

  /** Returns whether the map holds no entry: cheaper than a lookup, for a fast path. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  private void purge() {
    for (Object key = cleared.poll(); key != null; key = cleared.poll()) {
      entries.remove(key);
    }
  }

  /** A weakly held key, equal only to a key of the same object. */
  private static final class Key extends WeakReference<Object> {
    private final int hash;

    Key(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof Key key)) {
        return false;
      }
      Object referent = get();
      return referent != null && referent == key.get();
    }
  }
}
