package dev.outdial.activities.campaign;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A span of local time repeated every day, such as 09:00–17:00, or 21:00–08:00 which crosses
 * midnight. The start is inside, the end is not.
 */
public record DailyWindow(LocalTime start, LocalTime end) {

  public DailyWindow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.equals(end)) {
      throw new IllegalArgumentException("A window must not start and end at the same time");
    }
  }

  public boolean crossesMidnight() {
    return end.isBefore(start);
  }

  /** Parses {@code HH:mm-HH:mm}. */
  public static DailyWindow parse(String text) {
    String[] parts = text.strip().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("Expected HH:mm-HH:mm, got " + text);
    }
    return new DailyWindow(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }
}
