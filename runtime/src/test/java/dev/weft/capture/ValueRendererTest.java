package dev.weft.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.annotations.Sensitive;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ValueRendererTest {

  private final ValueRenderer renderer = ValueRenderer.defaults();

  enum Color {
    RED,
    GREEN {
      @Override
      public String toString() {
        return "green!";
      }
    }
  }

  record Point(int x, int y) {}

  record Login(String user, String password, @Sensitive String pin) {}

  record Node(String name, Object child) {}

  @Sensitive
  static class Secret {
    @Override
    public String toString() {
      return "the secret";
    }
  }

  static final class SubSecret extends Secret {}

  @Sensitive
  interface Credentials {}

  static final class DbCredentials implements Credentials {
    @Override
    public String toString() {
      return "user:pass";
    }
  }

  static final class Bean {
    final AtomicInteger getterCalls = new AtomicInteger();

    public String getName() {
      getterCalls.incrementAndGet();
      throw new IllegalStateException("getter called");
    }

    public boolean isActive() {
      getterCalls.incrementAndGet();
      return true;
    }

    @Override
    public String toString() {
      return "Bean";
    }
  }

  static final class Throwing {
    @Override
    public String toString() {
      throw new IllegalStateException("boom");
    }
  }

  @Test
  void render_scalars_areJsonValues() {
    assertThat(renderer.render(null)).isNull();
    assertThat(renderer.render("text")).isEqualTo("text");
    assertThat(renderer.render(42)).isEqualTo(42L);
    assertThat(renderer.render((short) 3)).isEqualTo(3L);
    assertThat(renderer.render(7L)).isEqualTo(7L);
    assertThat(renderer.render(1.5f)).isEqualTo(1.5d);
    assertThat(renderer.render(2.5d)).isEqualTo(2.5d);
    assertThat(renderer.render(true)).isEqualTo(true);
    assertThat(renderer.render('c')).isEqualTo("c");
    assertThat(renderer.render(new BigDecimal("1.10"))).isEqualTo(new BigDecimal("1.10"));
    assertThat(renderer.render(BigInteger.TEN)).isEqualTo(BigInteger.TEN);
    assertThat(renderer.render(new AtomicInteger(5))).isEqualTo(5L);
    assertThat(renderer.render(new StringBuilder("sb"))).isEqualTo("sb");
  }

  @Test
  void render_nonFiniteDouble_isText() {
    assertThat(renderer.render(Double.NaN)).isEqualTo("NaN");
    assertThat(renderer.render(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
  }

  @Test
  void render_enum_isItsNameEvenWithConstantBody() {
    assertThat(renderer.render(Color.RED)).isEqualTo("RED");
    assertThat(renderer.render(Color.GREEN)).isEqualTo("GREEN");
  }

  @Test
  void render_record_isMapOfComponentsInOrder() {
    assertThat(renderer.render(new Point(1, 2))).isEqualTo(Map.of("x", 1L, "y", 2L));
    assertThat(new ArrayList<Object>(((Map<?, ?>) renderer.render(new Point(1, 2))).keySet()))
        .containsExactly("x", "y");
  }

  @Test
  void render_recordWithSecretComponents_redactsByNameAndByAnnotation() {
    assertThat(renderer.render(new Login("ann", "hunter2", "1234")))
        .isEqualTo(Map.of("user", "ann", "password", "[REDACTED]", "pin", "[REDACTED]"));
  }

  @Test
  void render_javaTypes_areTheirToString() {
    UUID uuid = UUID.randomUUID();
    assertThat(renderer.render(uuid)).isEqualTo(uuid.toString());
    assertThat(renderer.render(URI.create("http://x/y"))).isEqualTo("http://x/y");
    assertThat(renderer.render(Path.of("a", "b"))).isEqualTo(Path.of("a", "b").toString());
    assertThat(renderer.render(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(renderer.render(Duration.ofSeconds(3))).isEqualTo("PT3S");
  }

  @Test
  void render_optional_isItsValueOrNull() {
    assertThat(renderer.render(Optional.of("v"))).isEqualTo("v");
    assertThat(renderer.render(Optional.empty())).isNull();
    assertThat(renderer.render(OptionalInt.of(3))).isEqualTo(3L);
    assertThat(renderer.render(OptionalInt.empty())).isNull();
  }

  @Test
  void render_collectionsMapsAndArrays_areListsAndMaps() {
    assertThat(renderer.render(List.of(1, "a"))).isEqualTo(List.of(1L, "a"));
    assertThat(renderer.render(new int[] {1, 2})).isEqualTo(List.of(1L, 2L));
    assertThat(renderer.render(new double[] {0.5})).isEqualTo(List.of(0.5));
    assertThat(renderer.render(new boolean[] {true})).isEqualTo(List.of(true));
    assertThat(renderer.render(new char[] {'h', 'i'})).isEqualTo(List.of("h", "i"));
    assertThat(renderer.render(new byte[] {1})).isEqualTo(List.of(1L));
    assertThat(renderer.render(new float[] {1.5f})).isEqualTo(List.of(1.5));
    assertThat(renderer.render(new long[] {9})).isEqualTo(List.of(9L));
    assertThat(renderer.render(new short[] {4})).isEqualTo(List.of(4L));
    assertThat(renderer.render(new String[] {"s", null})).isEqualTo(Arrays.asList("s", null));
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put(1, Color.RED);
    map.put(null, "n");
    assertThat(renderer.render(map)).isEqualTo(Map.of("1", "RED", "null", "n"));
  }

  @Test
  void render_result_isImmutable() {
    Object list = renderer.render(new ArrayList<>(List.of(1)));
    Object map = renderer.render(new HashMap<>(Map.of("k", "v")));
    assertThatThrownBy(() -> ((List<Object>) list).add(2))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> ((Map<String, Object>) map).put("x", 2))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void render_laterMutationOfTheValue_doesNotChangeTheTree() {
    List<String> source = new ArrayList<>(List.of("a"));
    Object tree = renderer.render(source);
    source.add("b");
    assertThat(tree).isEqualTo(List.of("a"));
  }

  @Test
  void render_iterableAndStream_areNotIterated() {
    Iterable<String> oneShot =
        () -> {
          throw new AssertionError("iterated");
        };
    assertThat(renderer.render(oneShot)).asString().doesNotContain("iterated");
    Stream<String> stream = Stream.of("a");
    assertThat(renderer.render(stream)).isInstanceOf(String.class);
    assertThat(stream.count()).isEqualTo(1);
  }

  @Test
  void render_plainBean_isToStringAndNoGetterIsCalled() {
    Bean bean = new Bean();
    assertThat(renderer.render(bean)).isEqualTo("Bean");
    assertThat(renderer.render(List.of(bean, Map.of("b", bean))))
        .isEqualTo(List.of("Bean", Map.of("b", "Bean")));
    assertThat(bean.getterCalls).hasValue(0);
  }

  @Test
  void render_toStringThatThrows_isPlaceholder() {
    assertThat(renderer.render(new Throwing()))
        .isEqualTo("<toString() threw IllegalStateException>");
    assertThat(renderer.render(Map.of(new Throwing(), 1)))
        .isEqualTo(Map.of("<toString() threw IllegalStateException>", 1L));
  }

  /** A value whose {@code toString()} shows a secret, or waits until released first. */
  static final class Slow {
    private final CountDownLatch release;

    Slow(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public String toString() {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "Slow sk-abcdefghijklmnopqrstuvwxyz123456";
    }
  }

  @Test
  void render_applicationToString_isRedactedAsAnyString() {
    CountDownLatch released = new CountDownLatch(0);
    assertThat(renderer.render(new Slow(released))).isEqualTo("Slow [REDACTED]");
    assertThat(renderer.render(Map.of(new Slow(released), 1)))
        .isEqualTo(Map.of("Slow [REDACTED]", 1L));
  }

  @Test
  void render_slowApplicationToString_isPlaceholderAfterTheBound_asMapKeyToo() {
    ValueRenderer bounded = ValueRenderer.create(100, List.of(), Duration.ofMillis(30));
    CountDownLatch release = new CountDownLatch(1);
    try {
      long start = System.nanoTime();
      String text =
          bounded.renderArguments(new String[] {"slow"}, new Object[] {new Slow(release)}, null);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertThat(text)
          .isEqualTo(
              "{\"slow\":\"<toString() of " + Slow.class.getName() + " took longer than 30 ms>\"}");
      assertThat(bounded.render(Map.of(new Slow(release), 1)))
          .isEqualTo(
              Map.of(
                  "<toString() of "
                      + Slow.class.getName()
                      + " not called: took longer than 30 ms before>",
                  1L));
    } finally {
      release.countDown();
    }
  }

  @Test
  void create_toStringTimeout_isKept_negativeIsRefused() {
    assertThat(ValueRenderer.defaults().toStringTimeout())
        .isEqualTo(ValueRenderer.DEFAULT_TO_STRING_TIMEOUT)
        .isEqualTo(Duration.ofMillis(100));
    assertThat(ValueRenderer.create(100, List.of(), Duration.ZERO).toStringTimeout())
        .isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> ValueRenderer.create(100, List.of(), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void render_sensitiveTypeSubtypeAndInterface_areRedacted() {
    assertThat(renderer.render(new Secret())).isEqualTo("[REDACTED]");
    assertThat(renderer.render(new SubSecret())).isEqualTo("[REDACTED]");
    assertThat(renderer.render(new DbCredentials())).isEqualTo("[REDACTED]");
    assertThat(renderer.render(List.of(new Secret()))).isEqualTo(List.of("[REDACTED]"));
    assertThat(renderer.renderText(new SubSecret())).isEqualTo("[REDACTED]");
  }

  @Test
  void render_mapEntryWithSecretKey_isRedacted() {
    Map<String, Object> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Basic dXNlcjpwYXNz");
    headers.put("api_key", List.of("k"));
    headers.put("maxTokens", 100);
    assertThat(renderer.render(headers))
        .isEqualTo(
            Map.of("Authorization", "[REDACTED]", "api_key", "[REDACTED]", "maxTokens", 100L));
  }

  @Test
  void render_mapKeyWithSecretPattern_isRedacted() {
    assertThat(renderer.render(Map.of("sk-abcdefghijklmnopqrstuv", 1)))
        .isEqualTo(Map.of("[REDACTED]", 1L));
  }

  @Test
  void render_depthBeyondThree_becomesPlaceholder() {
    Object tree =
        renderer.render(List.of(List.of(List.of(List.of(1), Map.of("a", 1), new int[2]))));
    assertThat(tree)
        .isEqualTo(List.of(List.of(List.of("[List of 1]", "[Map of 1]", "[Array of 2]"))));
    assertThat(renderer.render(new Node("a", new Node("b", new Node("c", new Node("d", null))))))
        .isEqualTo(
            Map.of(
                "name",
                "a",
                "child",
                Map.of("name", "b", "child", Map.of("name", "c", "child", "[Node]"))));
  }

  @Test
  void render_moreThanFiftyElements_keepsFiftyAndCounts() {
    List<Integer> numbers = IntStream.range(0, 173).boxed().toList();
    List<?> list = (List<?>) renderer.render(numbers);
    assertThat(list).hasSize(51);
    assertThat(list.get(49)).isEqualTo(49L);
    assertThat(list.get(50)).isEqualTo("... 123 more");
    assertThat((List<?>) renderer.render(new int[120])).hasSize(51).last().isEqualTo("... 70 more");
    Map<Integer, Integer> map = new TreeMap<>();
    numbers.forEach(n -> map.put(n, n));
    @SuppressWarnings("unchecked")
    Map<String, Object> rendered = (Map<String, Object>) renderer.render(map);
    assertThat(rendered).hasSize(51).containsEntry("...", "123 more");
  }

  @Test
  void render_longString_isCutWithSuffixNamingDroppedChars() {
    ValueRenderer small = ValueRenderer.create(20, List.of());
    assertThat(small.render("x".repeat(25))).isEqualTo("x".repeat(20) + "… [truncated 5 chars]");
    assertThat(small.render("y".repeat(20))).isEqualTo("y".repeat(20));
    assertThat(small.render("z".repeat(5000)))
        .isEqualTo("z".repeat(20) + "… [truncated 4980 chars]");
  }

  @Test
  void render_cutInsideSurrogatePair_keepsWholeCharacters() {
    ValueRenderer small = ValueRenderer.create(16, List.of());
    String text = "a".repeat(15) + "\uD83D\uDE00" + "b".repeat(10);
    assertThat((String) small.render(text)).startsWith("a".repeat(15) + "…");
  }

  @Test
  void render_secretStraddlingTheCut_isRedactedNotPartlyKept() {
    ValueRenderer small = ValueRenderer.create(20, List.of());
    String rendered = (String) small.render("0123456789 sk-abcdefghijklmnopqrstuvwxyz and more");
    assertThat(rendered)
        .startsWith("0123456789 [REDACTED")
        .doesNotContain("sk-")
        .doesNotContain("abc");
  }

  @Test
  void render_hugeObject_staysWithinTotalBudget() {
    ValueRenderer small = ValueRenderer.create(100, List.of());
    List<List<String>> big = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      big.add(java.util.Collections.nCopies(50, "v".repeat(100)));
    }
    String json = JsonText.write(small.render(big));
    assertThat(json.length()).isLessThan(4 * 100 * 3);
    assertThat(json).contains("more");
  }

  @Test
  void render_selfContainingListAndMap_cutCycle() {
    List<Object> list = new ArrayList<>();
    list.add("a");
    list.add(list);
    assertThat(renderer.render(list)).isEqualTo(List.of("a", "<cycle>"));
    Map<String, Object> map = new HashMap<>();
    map.put("self", map);
    assertThat(renderer.render(map)).isEqualTo(Map.of("self", "<cycle>"));
  }

  @Test
  void render_sameObjectTwiceNotOnPath_isRenderedTwice() {
    List<Integer> shared = List.of(1);
    assertThat(renderer.render(List.of(shared, shared)))
        .isEqualTo(List.of(List.of(1L), List.of(1L)));
  }

  @Test
  void render_collectionThatFailsWhileIterating_isPlaceholder() {
    List<Object> broken =
        new ArrayList<>(List.of(1)) {
          @Override
          public java.util.Iterator<Object> iterator() {
            throw new java.util.ConcurrentModificationException();
          }
        };
    assertThat(renderer.render(broken)).asString().contains("ConcurrentModificationException");
  }

  @Test
  void render_builtInSecretsInNestedStrings_areRedacted() {
    assertThat(renderer.render(List.of("key=sk-abcdefghijklmnopqrstu")))
        .isEqualTo(List.of("key=[REDACTED]"));
  }

  @Test
  void render_extraPatternsFromConfig_areApplied() {
    ValueRenderer custom = ValueRenderer.create(100, List.of(Pattern.compile("acct-\\d+")));
    assertThat(custom.render("pay acct-42 now")).isEqualTo("pay [REDACTED] now");
    assertThat(custom.renderText(Map.of("note", "acct-7"))).isEqualTo("{\"note\":\"[REDACTED]\"}");
  }

  @Test
  void render_hostileText_passesThroughAsPlainData() {
    String hostile = "</script><script>alert('x')</script> & \"quotes\"";
    assertThat(renderer.render(hostile)).isEqualTo(hostile);
    assertThat(renderer.renderText(hostile)).isEqualTo(hostile);
  }

  @Test
  void renderText_stringsEnumsAndToStringStayText_othersBecomeJson() {
    assertThat(renderer.renderText("plain")).isEqualTo("plain");
    assertThat(renderer.renderText(Color.RED)).isEqualTo("RED");
    assertThat(renderer.renderText(new Point(1, 2))).isEqualTo("{\"x\":1,\"y\":2}");
    assertThat(renderer.renderText(List.of("a\"b"))).isEqualTo("[\"a\\\"b\"]");
    assertThat(renderer.renderText(null)).isEqualTo("null");
    assertThat(renderer.renderText(3)).isEqualTo("3");
  }

  @Test
  void renderArguments_isJsonObjectInParameterOrderWithSecretsRedacted() {
    String json =
        renderer.renderArguments(
            new String[] {"query", "apiKey", "pin", "limit"},
            new Object[] {"weather", "k-123", 1234, 5},
            new boolean[] {false, false, true, false});
    assertThat(json)
        .isEqualTo(
            "{\"query\":\"weather\",\"apiKey\":\"[REDACTED]\",\"pin\":\"[REDACTED]\",\"limit\":5}");
  }

  @Test
  void secretArguments_flagsAnnotatedAndSecretNamedParameters() {
    assertThat(
            ValueRenderer.secretArguments(
                new String[] {"query", "apiKey", "pin", "maxTokens"},
                new boolean[] {false, false, true, false}))
        .containsExactly(false, true, true, false);
    assertThat(ValueRenderer.secretArguments(new String[] {"password", "limit"}, null))
        .containsExactly(true, false);
  }

  @Test
  void renderPreparedArguments_withSecretArguments_matchesRenderArguments() {
    String[] names = {"query", "apiKey", "pin", "nested"};
    Object[] values = {"weather", "k-123", 1234, Map.of("token", "t-1", "city", "Oslo")};
    boolean[] annotated = {false, false, true, false};
    boolean[] secret = ValueRenderer.secretArguments(names, annotated);

    assertThat(renderer.renderPreparedArguments(names, values, secret))
        .isEqualTo(renderer.renderArguments(names, values, annotated))
        .contains("\"apiKey\":\"[REDACTED]\"")
        .contains("\"pin\":\"[REDACTED]\"")
        .doesNotContain("k-123")
        .doesNotContain("t-1");
    assertThat(renderer.renderPreparedArgumentMap(names, values, secret))
        .isEqualTo(renderer.renderArgumentMap(names, values, annotated));
  }

  @Test
  void renderPreparedArguments_trustsTheFlagsItIsGiven() {
    // The flags are the caller's complete answer: a name is not checked a second time.
    String json =
        renderer.renderPreparedArguments(
            new String[] {"apiKey"}, new Object[] {"visible"}, new boolean[] {false});
    assertThat(json).isEqualTo("{\"apiKey\":\"visible\"}");
  }

  @Test
  void renderArguments_whileRenderingAnArgumentRendersOtherArguments_keepsBothTextsWhole() {
    // An argument whose toString renders arguments of its own, as a traced method called from a
    // toString does: both texts are written on the same thread at the same time.
    Object reentrant =
        new Object() {
          @Override
          public String toString() {
            return "inner "
                + renderer.renderPreparedArguments(
                    new String[] {"city"}, new Object[] {"Oslo"}, new boolean[] {false});
          }
        };
    String[] names = {"query", "request"};
    Object[] values = {"weather", reentrant};

    String outer = renderer.renderPreparedArguments(names, values, new boolean[2]);

    assertThat(outer)
        .isEqualTo("{\"query\":\"weather\",\"request\":\"inner {\\\"city\\\":\\\"Oslo\\\"}\"}");
  }

  @Test
  void renderArguments_oneAfterAnother_neverCarryTextOver() {
    String longText = "x".repeat(10_000);
    List<String> texts = new ArrayList<>();
    for (Object value : new Object[] {longText, "short", boom(), "after a failure", "a"}) {
      texts.add(
          renderer.renderPreparedArguments(
              new String[] {"v"}, new Object[] {value}, new boolean[] {false}));
    }

    assertThat(texts.get(0)).startsWith("{\"v\":\"xxx").endsWith("\"}");
    assertThat(texts.get(1)).isEqualTo("{\"v\":\"short\"}");
    assertThat(texts.get(2)).isEqualTo("{\"v\":\"<toString() threw IllegalStateException>\"}");
    assertThat(texts.get(3)).isEqualTo("{\"v\":\"after a failure\"}");
    assertThat(texts.get(4)).isEqualTo("{\"v\":\"a\"}");
  }

  private static Object boom() {
    return new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("boom");
      }
    };
  }

  @Test
  void renderArguments_isTheTextOfRenderArgumentMap() {
    String[] names = {"query", null, "token", "nested"};
    Object[] values = {"say \"hi\" </script>", null, "sk-abcdefghijklmnopqrstu", List.of(1, "x")};
    boolean[] sensitive = {false, false, false, false};
    assertThat(renderer.renderArguments(names, values, sensitive))
        .isEqualTo(JsonText.write(renderer.renderArgumentMap(names, values, sensitive)));
    assertThat(renderer.renderArguments(null, null, null)).isEqualTo("{}");
  }

  @Test
  void renderArguments_stringsAndContainers_shareOneBudget_likeRenderArgumentMap() {
    ValueRenderer small = ValueRenderer.create(ValueRenderer.MIN_MAX_CHARS, List.of());
    String[] names = {"a", "b", "c", "d", "e", "f"};
    String longText = "x".repeat(40);
    Object[] values = {longText, longText, List.of(longText, longText), longText, 7, longText};

    String json = small.renderArguments(names, values, null);

    assertThat(json).isEqualTo(JsonText.write(small.renderArgumentMap(names, values, null)));
    assertThat(json).contains("truncated");
  }

  @Test
  void renderArgumentMap_missingNamesAndFlags_useArgNAndNoFlags() {
    Map<String, Object> map = renderer.renderArgumentMap(null, new Object[] {"a", null}, null);
    assertThat(map)
        .containsExactly(
            Map.entry("arg0", "a"), new java.util.AbstractMap.SimpleEntry<>("arg1", null));
    assertThat(renderer.renderArgumentMap(new String[0], null, null)).isEmpty();
    assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void redact_nullIsNull_textIsRedactedNotTruncated() {
    ValueRenderer small = ValueRenderer.create(16, List.of());
    assertThat(small.redact(null)).isNull();
    String text = "long text ".repeat(10) + "Bearer abcdefghijkl";
    assertThat(small.redact(text)).isEqualTo("long text ".repeat(10) + "Bearer [REDACTED]");
  }

  @Test
  void create_whenMaxCharsTooSmall_throws() {
    assertThatThrownBy(() -> ValueRenderer.create(15, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ValueRenderer.create(16, List.of()).maxChars()).isEqualTo(16);
    assertThat(ValueRenderer.defaults().maxChars()).isEqualTo(16384);
  }

  @Test
  void isSensitiveName_delegatesToNameRules() {
    assertThat(ValueRenderer.isSensitiveName("clientSecret")).isTrue();
    assertThat(ValueRenderer.isSensitiveName("maxTokens")).isFalse();
  }

  @Test
  void render_fromEightThreadsAtOnce_givesSameResults() throws Exception {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("points", List.of(new Point(1, 2), new Point(3, 4)));
    value.put("token", "t");
    value.put("text", "Bearer abcdefghijklmnop");
    value.put("set", Set.of(Color.RED));
    Object expected = renderer.render(value);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 2000; i++) {
                    assertThat(renderer.render(value)).isEqualTo(expected);
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(failures).isEmpty();
  }
}
