package dev.weft.export.files;

import dev.weft.config.WeftConfig;
import dev.weft.viewer.ModelPrices;
import java.nio.file.Path;

/** The keys of the file exporters and their defaults, in one place. */
final class FileExporterSettings {
  private FileExporterSettings() {}

  /** Where {@code json} writes when {@code weft.json.dir} is not set. */
  static final Path DEFAULT_JSON_DIR = Path.of("weft-traces");

  /**
   * The file name {@code jsonl} writes in the json folder when {@code weft.jsonl.file} is unset.
   */
  static final String DEFAULT_JSONL_FILE_NAME = "traces.jsonl";

  /** Returns the folder of the {@code json} exporter ({@code weft.json.dir}). */
  static Path jsonDir(WeftConfig config) {
    return config.getPath("weft.json.dir", DEFAULT_JSON_DIR);
  }

  /**
   * Returns the file of the {@code jsonl} exporter: {@code weft.jsonl.file}, else {@code
   * traces.jsonl} in the json folder.
   */
  static Path jsonlFile(WeftConfig config) {
    Path file = config.getPath("weft.jsonl.file", null);
    return file != null ? file : jsonDir(config).resolve(DEFAULT_JSONL_FILE_NAME);
  }

  /**
   * Returns the prices the user configured for the viewer's cost estimates: {@code
   * weft.prices.file}, then {@code weft.prices} on top; a bad value is reported and left out.
   */
  static ModelPrices prices(WeftConfig config) {
    return ModelPrices.configured(
        config.get("weft.prices"), config.get("weft.prices.file"), config::reportBadValue);
  }

  /**
   * Returns the retention of the {@code json} folder: {@code weft.json.retention.max-traces} (a
   * count, 0 or unset for no limit) and {@code weft.json.retention.max-age} ({@code 7d}, {@code
   * 12h}, {@code 30m}, {@code 45s}; unset for no limit).
   */
  static Retention retention(WeftConfig config) {
    int maxTraces = config.getInt("weft.json.retention.max-traces", 0, 0, 100_000_000);
    java.time.Duration maxAge = null;
    String age = config.get("weft.json.retention.max-age");
    if (age != null) {
      maxAge = Retention.parseAge(age);
      if (maxAge == null) {
        config.reportBadValue(
            "weft.json.retention.max-age",
            age,
            "a positive number followed by d, h, m or s, e.g. 7d",
            "keeping files of any age");
      }
    }
    return new Retention(maxTraces, maxAge);
  }
}
