package dev.weft.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies that keep null elements, which captured values may hold. */
final class Copies {
  private Copies() {}

  static <T> List<T> list(List<T> list) {
    if (list == null) {
      return null;
    }
    return list.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }

  static List<String> listOrEmpty(List<String> list) {
    return list == null ? List.of() : list(list);
  }

  static <V> Map<String, V> map(Map<String, V> map) {
    if (map == null) {
      return null;
    }
    return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
