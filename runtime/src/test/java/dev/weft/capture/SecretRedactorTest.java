package dev.weft.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretRedactorTest {

  private static final SecretRedactor BUILT_IN = SecretRedactor.create(List.of());

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "key sk-abcdefghijklmnop1234 end | key [REDACTED] end",
        "sk-proj-AbC_dEf-GhIjKlMnOpQrStUv | [REDACTED]",
        "Authorization: Bearer abc.def-ghi_jkl~ | Authorization: Bearer [REDACTED]",
        "bearer   eyJhbGciOiJIUzI1NiJ9xx | bearer   [REDACTED]",
        "id=AKIAABCDEFGHIJKLMNOP; | id=[REDACTED];",
        "ghp_abcdefghijklmnopqrstUVWX1234 | [REDACTED]",
        "gho_abcdefghijklmnopqrst ghs_abcdefghijklmnopqrst | [REDACTED] [REDACTED]",
        "xoxb-1234567890-abcdef | [REDACTED]",
        "AIzaSyA-abcdefghijklmnopqrstuvwxyz12345 | [REDACTED]",
        "t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig_nature-123 | t=[REDACTED]",
        "a sk-aaaaaaaaaaaaaaaaaaaa and sk-bbbbbbbbbbbbbbbbbbbb | a [REDACTED] and [REDACTED]"
      })
  void redact_builtInSecret_isReplaced(String text, String expected) {
    assertThat(BUILT_IN.redact(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk-",
        "skeleton",
        "sk-short",
        "task-management-system-v2-beta",
        "risk-assessment-framework-2024",
        "Bearer of bad news",
        "AKIA is a prefix",
        "AKIAABCDEFGHIJKLMNOPQ",
        "ghost_writer_of_the_year_2024",
        "xoxo-hugs-and-kisses-forever",
        "eyJust.a.sentence here",
        "The maxTokens were 4096 and input_tokens 12",
        "plain text without secrets of any kind at all",
        "</script><b>hi</b>"
      })
  void redact_ordinaryText_isUnchangedAndSameInstance(String text) {
    assertThat(BUILT_IN.redact(text)).isSameAs(text);
  }

  @Test
  void redact_alreadyRedactedBearer_staysTheSame() {
    assertThat(BUILT_IN.redact("Bearer [REDACTED] and more text"))
        .isEqualTo("Bearer [REDACTED] and more text");
  }

  @Test
  void firstCandidate_findsEarliestPossibleStart() {
    assertThat(SecretRedactor.firstCandidate("hello world, nothing here")).isEqualTo(-1);
    assertThat(SecretRedactor.firstCandidate("xx sk-abcdefghijklmnopqrs")).isEqualTo(3);
  }

  @Test
  void firstCandidate_lookingOnlyAroundMarkers_findsWhatCheckingEveryPlaceFinds() {
    String[] pieces = {
      "s",
      "k-",
      "sk-",
      "B",
      "b",
      "earer",
      "EARER",
      "A",
      "KIA",
      "Iza",
      "g",
      "h",
      "hp_",
      "gh",
      "_",
      "x",
      "ox",
      "xox",
      "e",
      "y",
      "yJ",
      "eyJ",
      "J",
      "-",
      " ",
      "abcdefgh",
      "0123456789",
      "\u00e9"
    };
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    int found = 0;
    for (int round = 0; round < 50_000; round++) {
      StringBuilder text = new StringBuilder();
      int count = random.nextInt(1, 25);
      for (int i = 0; i < count; i++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String s = text.toString();
      int expected = -1;
      for (int i = 0; i <= s.length() - SecretRedactor.MIN_BUILT_IN_LENGTH; i++) {
        if (SecretRedactor.isCandidateAt(s, i)) {
          expected = i;
          break;
        }
      }
      assertThat(SecretRedactor.firstCandidate(s)).as(s).isEqualTo(expected);
      found += expected >= 0 ? 1 : 0;
    }
    assertThat(found).isPositive();
  }

  @Test
  void markers_areExactlyTheCharactersIsMarkerAccepts() {
    for (char c = 0; c < 256; c++) {
      assertThat(SecretRedactor.isMarker(c))
          .as("%c", c)
          .isEqualTo(SecretRedactor.MARKERS.indexOf(c) >= 0);
    }
  }

  @Test
  void redact_extraPatterns_areAppliedAfterBuiltIns() {
    SecretRedactor redactor =
        SecretRedactor.create(
            List.of(
                Pattern.compile("acct-\\d{4,8}"),
                Pattern.compile("internal", Pattern.CASE_INSENSITIVE)));
    assertThat(redactor.redact("acct-12345 INTERNAL sk-abcdefghijklmnopqrst"))
        .isEqualTo("[REDACTED] [REDACTED] [REDACTED]");
  }

  @Test
  void redact_extraPatternsThatCannotBeCombined_stillWork() {
    SecretRedactor redactor =
        SecretRedactor.create(
            List.of(
                Pattern.compile("(ab)\\1"),
                Pattern.compile("x # comment", Pattern.COMMENTS),
                Pattern.compile("a.c", Pattern.LITERAL),
                Pattern.compile("zz")));
    assertThat(redactor.redact("abab x a.c abc zz"))
        .isEqualTo("[REDACTED] [REDACTED] [REDACTED] abc [REDACTED]");
  }

  @Test
  void redact_extraPatternMatchingEmpty_insertsNothing() {
    SecretRedactor redactor = SecretRedactor.create(List.of(Pattern.compile("q*")));
    assertThat(redactor.redact("abc")).isEqualTo("abc");
    assertThat(redactor.redact("aqqb")).isEqualTo("a[REDACTED]b");
  }

  @Test
  void redact_extraPatternWithInlineFlag_isScopedToItself() {
    SecretRedactor redactor =
        SecretRedactor.create(List.of(Pattern.compile("(?i)foo"), Pattern.compile("bar")));
    assertThat(redactor.redact("FOO BAR bar")).isEqualTo("[REDACTED] BAR [REDACTED]");
  }
}
