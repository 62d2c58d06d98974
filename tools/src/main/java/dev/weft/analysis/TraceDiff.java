package dev.weft.analysis;

import dev.weft.SpanRecord;
import dev.weft.TraceRecord;
import dev.weft.data.ResponseSpanData;
import dev.weft.data.SpanData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Two traces side by side: their span trees aligned, the children of aligned spans matched by type
 * and name in the order they started (a longest common subsequence, so an extra tool call in the
 * middle leaves the calls after it aligned), with what changed between each aligned pair and in
 * total. Used to see what a change of prompt, model or code did to a run.
 */
public final class TraceDiff {
  private final TraceRecord traceA;
  private final TraceRecord traceB;
  private final List<AlignedSpan> rows;
  private final SpanMeasure.Totals totalA;
  private final SpanMeasure.Totals totalB;

  private TraceDiff(
      TraceRecord traceA,
      TraceRecord traceB,
      List<AlignedSpan> rows,
      SpanMeasure.Totals totalA,
      SpanMeasure.Totals totalB) {
    this.traceA = traceA;
    this.traceB = traceB;
    this.rows = List.copyOf(rows);
    this.totalA = totalA;
    this.totalB = totalB;
  }

  /**
   * Aligns trace {@code b} against trace {@code a}.
   *
   * @param prices prices for the cost of each model call
   */
  public static TraceDiff of(
      TraceRecord a,
      Collection<? extends SpanRecord> spansA,
      TraceRecord b,
      Collection<? extends SpanRecord> spansB,
      PriceTable prices) {
    Tree treeA = new Tree(spansA);
    Tree treeB = new Tree(spansB);
    List<AlignedSpan> rows = new ArrayList<>();
    align(treeA, treeA.roots, treeB, treeB.roots, 0, prices, rows);
    return new TraceDiff(
        a, b, rows, SpanMeasure.total(a, spansA, prices), SpanMeasure.total(b, spansB, prices));
  }

  /** Returns the first trace, the one compared against. */
  public TraceRecord traceA() {
    return traceA;
  }

  /** Returns the second trace. */
  public TraceRecord traceB() {
    return traceB;
  }

  /** Returns the aligned spans in tree order: each span before its children. */
  public List<AlignedSpan> rows() {
    return rows;
  }

  /** Returns the duration, tokens and cost of the first trace. */
  public SpanMeasure.Totals totalA() {
    return totalA;
  }

  /** Returns the duration, tokens and cost of the second trace. */
  public SpanMeasure.Totals totalB() {
    return totalB;
  }

  /**
   * Returns the comparison as text: a line per aligned span with its marker, durations, tokens and
   * costs, then the totals; names are cut to a width a terminal shows.
   */
  public String toTable() {
    return TraceDiffTable.render(this);
  }

  /** Returns how many rows are of {@code change}. */
  public int count(Change change) {
    return (int) rows.stream().filter(r -> r.change() == change).count();
  }

  /** How an aligned row differs between the two traces. */
  public enum Change {
    /** In both traces with the same inputs, outputs and error. */
    SAME,
    /** In both traces, with a different input, output or error. */
    CHANGED,
    /** Only in the first trace. */
    REMOVED,
    /** Only in the second trace. */
    ADDED
  }

  /**
   * One row of the alignment.
   *
   * @param depth nesting depth, 0 for a top span
   * @param a the span in the first trace, null when added
   * @param b the span in the second trace, null when removed
   * @param measureA duration, tokens and cost of {@code a}, null when added
   * @param measureB the same of {@code b}, null when removed
   * @param changedParts which of {@code input}, {@code output}, {@code error} differ
   */
  public record AlignedSpan(
      int depth,
      SpanRecord a,
      SpanRecord b,
      SpanMeasure measureA,
      SpanMeasure measureB,
      Set<String> changedParts) {

    /** Copies the set of changed parts, keeping their order. */
    public AlignedSpan {
      changedParts = Collections.unmodifiableSet(new LinkedHashSet<>(changedParts));
    }

    /** Returns how this row differs. */
    public Change change() {
      if (a == null) {
        return Change.ADDED;
      }
      if (b == null) {
        return Change.REMOVED;
      }
      return changedParts.isEmpty() ? Change.SAME : Change.CHANGED;
    }

    /** Returns the span's type. */
    public String type() {
      return (a != null ? a : b).data().type();
    }

    /** Returns the span's name as the trees were aligned by. */
    public String name() {
      return alignName((a != null ? a : b).data());
    }
  }

  /** The name spans are matched by: the display name, except a response's id (new every run). */
  static String alignName(SpanData data) {
    if (data instanceof ResponseSpanData) {
      return "response";
    }
    return Objects.toString(data.displayName(), "");
  }

  private static String key(SpanRecord span) {
    return span.data().type() + '\u0000' + alignName(span.data());
  }

  private static void align(
      Tree treeA,
      List<SpanRecord> listA,
      Tree treeB,
      List<SpanRecord> listB,
      int depth,
      PriceTable prices,
      List<AlignedSpan> out) {
    int n = listA.size();
    int m = listB.size();
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] =
            key(listA.get(i)).equals(key(listB.get(j)))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && key(listA.get(i)).equals(key(listB.get(j)))) {
        SpanRecord a = listA.get(i++);
        SpanRecord b = listB.get(j++);
        out.add(
            new AlignedSpan(
                depth,
                a,
                b,
                SpanMeasure.of(a, prices),
                SpanMeasure.of(b, prices),
                ComparedParts.changedParts(a, b)));
        align(treeA, treeA.children(a), treeB, treeB.children(b), depth + 1, prices, out);
      } else if (j >= m || (i < n && common[i + 1][j] >= common[i][j + 1])) {
        removed(treeA, listA.get(i++), depth, prices, out);
      } else {
        added(treeB, listB.get(j++), depth, prices, out);
      }
    }
  }

  private static void removed(
      Tree tree, SpanRecord span, int depth, PriceTable prices, List<AlignedSpan> out) {
    out.add(new AlignedSpan(depth, span, null, SpanMeasure.of(span, prices), null, Set.of()));
    for (SpanRecord child : tree.children(span)) {
      removed(tree, child, depth + 1, prices, out);
    }
  }

  private static void added(
      Tree tree, SpanRecord span, int depth, PriceTable prices, List<AlignedSpan> out) {
    out.add(new AlignedSpan(depth, null, span, null, SpanMeasure.of(span, prices), Set.of()));
    for (SpanRecord child : tree.children(span)) {
      added(tree, child, depth + 1, prices, out);
    }
  }

  /**
   * The spans of one trace as a tree, children in start order; a span whose parent is not in the
   * trace is a root, and a span caught in a parent cycle is reached from none and left out.
   */
  private static final class Tree {
    private final List<SpanRecord> roots = new ArrayList<>();
    private final Map<String, List<SpanRecord>> children = new HashMap<>();

    Tree(Collection<? extends SpanRecord> spans) {
      List<SpanRecord> sorted = new ArrayList<>(spans);
      sorted.sort(Comparator.comparingLong(SpanRecord::startedAtMicros));
      Set<String> ids = new HashSet<>();
      sorted.forEach(s -> ids.add(s.spanId()));
      for (SpanRecord span : sorted) {
        String parent = span.parentId();
        if (parent == null || !ids.contains(parent) || parent.equals(span.spanId())) {
          roots.add(span);
        } else {
          children.computeIfAbsent(parent, k -> new ArrayList<>()).add(span);
        }
      }
    }

    List<SpanRecord> children(SpanRecord span) {
      return children.getOrDefault(span.spanId(), List.of());
    }
  }
}
