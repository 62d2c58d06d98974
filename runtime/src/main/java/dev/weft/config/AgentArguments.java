package dev.weft.config;

import dev.weft.internal.WeftLog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the agent argument string: {@code key=value} pairs separated by {@code ;}. */
final class AgentArguments {

  private AgentArguments() {}

  /**
   * Returns the pairs of {@code agentArgs} by canonical key ({@code weft.} prefixed), in order.
   *
   * <p>A piece without {@code =} continues the previous value, joined back with {@code ;}, so that
   * lists which themselves use {@code ;} (such as {@code methods}) survive the split. Empty pieces
   * are skipped. A leading piece without {@code =} has nothing to continue; it is reported and
   * ignored.
   *
   * @param agentArgs the string after {@code =} in {@code -javaagent:weft-agent.jar=...}, or null
   */
  static Map<String, String> parse(String agentArgs) {
    if (agentArgs == null || agentArgs.isBlank()) {
      return Map.of();
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    String currentKey = null;
    for (String piece : agentArgs.split(";")) {
      if (piece.isBlank()) {
        continue;
      }
      int eq = piece.indexOf('=');
      if (eq < 0) {
        if (currentKey != null) {
          pairs.put(currentKey, pairs.get(currentKey) + ";" + piece);
        } else {
          WeftLog.warn(
              "agent argument '"
                  + piece.strip()
                  + "' is not accepted (key=value pairs separated by ;); ignoring it");
        }
        continue;
      }
      String key = piece.substring(0, eq).strip();
      if (key.isEmpty()) {
        WeftLog.warn(
            "agent argument '"
                + piece.strip()
                + "' is not accepted (key=value pairs separated by ;); ignoring it");
        currentKey = null;
        continue;
      }
      currentKey = WeftConfig.canonicalKey(key);
      pairs.put(currentKey, piece.substring(eq + 1));
    }
    pairs.replaceAll((k, v) -> v.strip());
    return Collections.unmodifiableMap(pairs);
  }
}
