package dev.weft.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ViewerPageTest {

  @Test
  void folderPage_hasAStrictContentSecurityPolicyAndNoFaviconRequest() {
    String page = ViewerPage.folderPage();

    assertThat(page)
        .contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                + "script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:;")
        .contains("<link rel=\"icon\" href=\"data:,\">");
  }

  @Test
  void folderPage_referencesNothingOutsideItsFolder() {
    String page = ViewerPage.folderPage();

    assertThat(
            Pattern.compile("(?i)(https?:|//[a-z]|\\burl\\(|@import|@font-face)")
                .matcher(page)
                .find())
        .as("an external reference in the page")
        .isFalse();
  }

  @Test
  void folderPage_inlinesEveryPartAndLeavesNoMarks() {
    String page = ViewerPage.folderPage();

    assertThat(page)
        .doesNotContain("/*@weft-css*/", "/*@weft-js*/", "<!--@weft-build-->")
        .contains("<!--@weft-embed-->");
    for (String script : ViewerPage.SCRIPTS) {
      assertThat(page).contains("// " + script + "\n");
    }
  }

  @Test
  void folderPage_neverUsesMarkupApisThatWouldParseCapturedText() {
    String page = ViewerPage.folderPage();

    assertThat(page)
        .doesNotContain(
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function");
  }

  @Test
  void folderPage_namesItsBuildWithinItsFirstBytes() {
    byte[] page = ViewerPage.folderPage().getBytes(StandardCharsets.UTF_8);
    String head = new String(page, 0, ViewerPage.BUILD_TAG_WITHIN, StandardCharsets.ISO_8859_1);

    assertThat(head).contains(ViewerPage.buildTag(ViewerBuild.fingerprint()));
  }

  @Test
  void standalonePage_namesNoBuild() {
    assertThat(ViewerPage.standalonePage("{\"traces\":[]}"))
        .doesNotContain("weft-viewer-build", "<!--@weft-build-->");
  }

  @Test
  void standalonePage_putsTheDataBeforeTheViewerScript() {
    String page = ViewerPage.standalonePage("{\"traces\":[]}");

    assertThat(page).doesNotContain("<!--@weft-embed-->");
    assertThat(page.indexOf("window.WEFT_EMBED = {\"traces\":[]};"))
        .isPositive()
        .isLessThan(page.indexOf("// app.js"));
  }
}
