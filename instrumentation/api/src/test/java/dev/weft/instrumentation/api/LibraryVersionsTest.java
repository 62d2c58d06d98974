package dev.weft.instrumentation.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LibraryVersionsTest {
  private final LibraryVersions versions =
      new LibraryVersions("a.B", "META-INF/maven/a/b/pom.properties", "1.0.0", "2.0.0");

  @Test
  void supports_theRangeFromLowestUpToBelow() {
    assertThat(versions.supports("1.0.0")).isTrue();
    assertThat(versions.supports("1.19.0")).isTrue();
    assertThat(versions.supports("1.19.0-beta29")).isTrue();
    assertThat(versions.supports("0.36.2")).isFalse();
    assertThat(versions.supports("1.0.0-rc1")).isFalse();
    assertThat(versions.supports("2.0.0")).isFalse();
    assertThat(versions.supports("2.0.0-alpha1")).isFalse();
  }

  @Test
  void compare_numbersNumerically() {
    assertThat(LibraryVersions.compare("1.10.0", "1.9.1")).isPositive();
    assertThat(LibraryVersions.compare("1.2", "1.2.0")).isZero();
  }
}
