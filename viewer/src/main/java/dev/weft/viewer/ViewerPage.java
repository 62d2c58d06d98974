package dev.weft.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The viewer page, assembled from its packaged parts into one HTML file with inline style and
 * script, so it needs nothing but the companion data next to it.
 */
final class ViewerPage {

  /** The scripts of the page, in the order they are concatenated. */
  static final List<String> SCRIPTS =
      List.of(
          "dom.js",
          "model.js",
          "virtual-list.js",
          "query.js",
          "sessions.js",
          "list-view.js",
          "conversation.js",
          "details.js",
          "trace-view.js",
          "compare.js",
          "genai-messages.js",
          "otlp.js",
          "loader.js",
          "app.js");

  /** How far into a folder page its {@link #buildTag} can be found. */
  static final int BUILD_TAG_WITHIN = 512;

  private static final String CSS_MARK = "/*@weft-css*/";
  private static final String JS_MARK = "/*@weft-js*/";
  private static final String EMBED_MARK = "<!--@weft-embed-->";
  private static final String BUILD_MARK = "<!--@weft-build-->";

  private ViewerPage() {}

  /**
   * The page for a trace folder, which loads the companion scripts; it names the build that wrote
   * it ({@link #buildTag}) when the build has a fingerprint.
   */
  static String folderPage() {
    return Holder.FOLDER_PAGE;
  }

  /**
   * The page for a trace folder as the build with the given fingerprint writes it.
   *
   * @param fingerprint the build's fingerprint, or null for a page that names no build
   */
  static String folderPage(String fingerprint) {
    return Holder.TEMPLATE.replace(BUILD_MARK, fingerprint == null ? "" : buildTag(fingerprint));
  }

  /**
   * The tag by which a folder page names the build that wrote it; it comes within the first {@link
   * #BUILD_TAG_WITHIN} bytes of the page.
   */
  static String buildTag(String fingerprint) {
    return "<meta name=\"weft-viewer-build\" content=\"" + fingerprint + "\">";
  }

  /**
   * The page with traces embedded in it. It names no build: it is not the folder page, even when
   * saved as a folder's {@code index.html}.
   *
   * @param embedJson a JSON object already made safe by {@link ScriptJson#escape}
   */
  static String standalonePage(String embedJson) {
    String template = Holder.TEMPLATE.replace(BUILD_MARK, "");
    int at = template.indexOf(EMBED_MARK);
    return template.substring(0, at)
        + "<script>window.WEFT_EMBED = "
        + embedJson
        + ";</script>"
        + template.substring(at + EMBED_MARK.length());
  }

  private static final class Holder {
    static final String TEMPLATE = assemble();
    static final String FOLDER_PAGE = folderPage(ViewerBuild.fingerprint());
  }

  private static String assemble() {
    String template = resource("index.html");
    StringBuilder js = new StringBuilder(96 * 1024);
    js.append("(function () {\n'use strict';\n");
    for (String script : SCRIPTS) {
      js.append("// ").append(script).append('\n').append(resource(script)).append('\n');
    }
    js.append("})();\n");
    String css = resource("viewer.css");
    if (containsTagEnd(js, "</script")
        || containsTagEnd(js, "<!--")
        || containsTagEnd(css, "</style")) {
      throw new IllegalStateException("a packaged viewer part contains the end of its own tag");
    }
    for (String mark : List.of(EMBED_MARK, BUILD_MARK)) {
      if (!template.contains(mark)) {
        throw new IllegalStateException("index.html lacks " + mark);
      }
    }
    return template.replace(CSS_MARK, css).replace(JS_MARK, js);
  }

  private static boolean containsTagEnd(CharSequence text, String tagEnd) {
    return text.toString().toLowerCase(Locale.ROOT).contains(tagEnd);
  }

  private static String resource(String name) {
    try (InputStream in = ViewerPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("viewer resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
