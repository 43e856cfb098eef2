package dev.outdial.activities.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Bolna's transcript is one string of {@code role: text} lines; this splits it by speaker. */
public final class Transcripts {

  private Transcripts() {}

  /**
   * The segments in order, each {@code {speaker, text}}; a line without a role continues the last.
   */
  public static List<Map<String, String>> segments(String transcript) {
    List<Map<String, String>> segments = new ArrayList<>();
    if (transcript == null) {
      return segments;
    }
    String speaker = null;
    StringBuilder text = new StringBuilder();
    for (String line : transcript.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      String role = colon > 0 ? line.substring(0, colon).strip() : "";
      if (colon > 0 && role.matches("[A-Za-z_ -]{1,30}")) {
        if (speaker != null) {
          segments.add(Map.of("speaker", speaker, "text", text.toString().strip()));
        }
        speaker = role.toLowerCase(java.util.Locale.ROOT);
        text = new StringBuilder(line.substring(colon + 1).strip());
      } else {
        if (speaker == null) {
          speaker = "unknown";
        }
        text.append(' ').append(line.strip());
      }
    }
    if (speaker != null) {
      segments.add(Map.of("speaker", speaker, "text", text.toString().strip()));
    }
    return segments;
  }
}
