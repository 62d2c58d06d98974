package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViewerBuildTest {

  @Test
  void fingerprint_isTheSha256TheBuildWroteNextToTheClasses() {
    assertThat(ViewerBuild.class.getResource(ViewerBuild.RESOURCE)).isNotNull();
    assertThat(ViewerBuild.fingerprint()).matches("[0-9a-f]{64}");
  }
}
