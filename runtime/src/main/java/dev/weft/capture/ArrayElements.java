package dev.weft.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Renders arrays, primitive or not, as bounded lists without reflective element access. */
final class ArrayElements {

  private ArrayElements() {}

  /** Renders {@code array}, found {@code depth} containers deep, as an unmodifiable list. */
  static List<Object> render(RenderPass pass, Object array, int depth) {
    int length = java.lang.reflect.Array.getLength(array);
    int limit = Math.min(length, RenderPass.MAX_ELEMENTS);
    List<Object> out = new ArrayList<>(limit + 1);
    int rendered = 0;
    for (; rendered < limit && !pass.exhausted(); rendered++) {
      out.add(pass.render(element(array, rendered), depth + 1));
      pass.spendElement();
    }
    if (rendered < length) {
      out.add(RenderPass.more(length - rendered));
    }
    return Collections.unmodifiableList(out);
  }

  /** Returns one element, boxed the way the renderer would box it. */
  private static Object element(Object array, int i) {
    if (array instanceof Object[] objects) {
      return objects[i];
    } else if (array instanceof int[] ints) {
      return (long) ints[i];
    } else if (array instanceof long[] longs) {
      return longs[i];
    } else if (array instanceof byte[] bytes) {
      return (long) bytes[i];
    } else if (array instanceof double[] doubles) {
      return doubles[i];
    } else if (array instanceof boolean[] booleans) {
      return booleans[i];
    } else if (array instanceof char[] chars) {
      return String.valueOf(chars[i]);
    } else if (array instanceof short[] shorts) {
      return (long) shorts[i];
    } else {
      return (double) ((float[]) array)[i];
    }
  }
}
