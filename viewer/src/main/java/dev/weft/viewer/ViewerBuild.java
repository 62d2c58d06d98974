package dev.weft.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The fingerprint of this build of the viewer: a SHA-256 of its compiled classes and packaged
 * resources (the page's parts and the built-in prices), computed when the module is built and
 * shipped as {@value #RESOURCE}.
 *
 * <p>The files a build writes into a trace folder carry it, so a later start finds out that the
 * folder already holds them by reading a few bytes, instead of building the page (over a hundred
 * kilobytes from fifteen resources) only to compare it. Two builds of the same sources share it.
 */
final class ViewerBuild {

  /** The resource the build writes the fingerprint into, next to this class. */
  static final String RESOURCE = "viewer-build.properties";

  private static final Pattern HEX = Pattern.compile("[0-9a-f]{16,128}");

  private ViewerBuild() {}

  /**
   * Returns the fingerprint, lowercase hex; null when the classes were not built by the module's
   * build (compiled by an IDE alone), in which case files are compared whole.
   */
  static String fingerprint() {
    return Holder.FINGERPRINT;
  }

  private static final class Holder {
    static final String FINGERPRINT = read();
  }

  private static String read() {
    try (InputStream in = ViewerBuild.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      String value = properties.getProperty("fingerprint", "").strip();
      return HEX.matcher(value).matches() ? value : null;
    } catch (IOException e) {
      return null;
    }
  }
}
