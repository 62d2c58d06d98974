package dev.weft.config;

import dev.weft.internal.WeftLog;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the keys of {@link WeftConfig} whose values are lists, aliases or names. */
final class KeyReaders {

  private static final Pattern PACKAGE_NAME =
      Pattern.compile(
          "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*"
              + "(?:\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*");

  private KeyReaders() {}

  static boolean readFlag(ConfigValues values, String key, String openaiVariable, boolean def) {
    if (values.get(key) != null) {
      return values.getBoolean(key, def);
    }
    String alias = values.getenv(openaiVariable);
    if (alias == null) {
      return def;
    }
    Boolean parsed = ConfigValues.parseBoolean(alias);
    if (parsed == null) {
      values.reportBadValue(openaiVariable, alias, "true or false", "using " + def);
      return def;
    }
    return parsed;
  }

  static List<String> readExporters(ConfigValues values) {
    String value = values.get("weft.exporters");
    if (value == null) {
      return WeftConfig.DEFAULT_EXPORTERS;
    }
    Set<String> names = new LinkedHashSet<>();
    for (String part : value.split(",")) {
      String name = part.strip().toLowerCase(Locale.ROOT);
      if (!name.isEmpty()) {
        names.add(name);
      }
    }
    if (names.size() > 1) {
      names.remove("none");
    }
    if (names.isEmpty()) {
      values.reportBadValue(
          "weft.exporters",
          value,
          "a comma list of exporter names, such as json, jsonl, console, openai, otlp, or none",
          "using " + String.join(",", WeftConfig.DEFAULT_EXPORTERS));
      return WeftConfig.DEFAULT_EXPORTERS;
    }
    return List.copyOf(names);
  }

  static List<MethodRule> readMethodRules(ConfigValues values) {
    String value = values.get("weft.methods");
    if (value == null) {
      return List.of();
    }
    List<String> bad = new ArrayList<>();
    List<MethodRule> rules = MethodRule.parseAll(value, bad::add);
    if (!bad.isEmpty()) {
      values.reportBadValue(
          "weft.methods", String.join(";", bad), MethodRule.ACCEPTED, "skipping these entries");
    }
    return rules;
  }

  static List<String> readPackages(ConfigValues values) {
    String value = values.get("weft.packages");
    if (value == null) {
      return List.of();
    }
    Set<String> packages = new LinkedHashSet<>();
    List<String> bad = new ArrayList<>();
    for (String part : value.split("[,;]")) {
      String name = part.strip();
      if (name.endsWith(".*")) {
        name = name.substring(0, name.length() - 2);
      }
      if (PACKAGE_NAME.matcher(name).matches()) {
        packages.add(name);
      } else if (!name.isEmpty()) {
        bad.add(part.strip());
      }
    }
    if (!bad.isEmpty()) {
      values.reportBadValue(
          "weft.packages",
          String.join(",", bad),
          "package names separated by , or ;",
          "skipping these entries");
    }
    return List.copyOf(packages);
  }

  static List<Pattern> readRedactPatterns(ConfigValues values) {
    String value = values.get("weft.redact.patterns");
    if (value == null) {
      return List.of();
    }
    List<Pattern> patterns = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (String part : value.split(Pattern.quote(WeftConfig.REDACT_PATTERN_SEPARATOR))) {
      String regex = part.strip();
      if (regex.isEmpty()) {
        continue;
      }
      try {
        patterns.add(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        bad.add(regex);
      }
    }
    if (!bad.isEmpty()) {
      values.reportBadValue(
          "weft.redact.patterns",
          String.join(WeftConfig.REDACT_PATTERN_SEPARATOR, bad),
          "Java regular expressions separated by " + WeftConfig.REDACT_PATTERN_SEPARATOR,
          "skipping the invalid ones");
    }
    return List.copyOf(patterns);
  }

  static WeftLog.Level readLogLevel(ConfigValues values) {
    String value = values.get("weft.log.level");
    if (value == null) {
      return WeftLog.Level.INFO;
    }
    WeftLog.Level level = WeftLog.Level.parse(value);
    if (level == null) {
      values.reportBadValue(
          "weft.log.level", value, "debug, info, warn, error or off", "using info");
      return WeftLog.Level.INFO;
    }
    return level;
  }
}
