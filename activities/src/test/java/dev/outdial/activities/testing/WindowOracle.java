package dev.outdial.activities.testing;

import dev.outdial.activities.campaign.DailyWindow;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Whether an instant may be called, worked out with nothing but {@code java.time}: for each local
 * day around the instant, the window's opening and closing as zoned date-times. It knows nothing of
 * the intervals {@code CallingWindows} builds, so properties can check that code against it.
 *
 * @param window the daily window, recipient-local; null: any hour
 * @param startDate first calling day, recipient-local; null: no start
 * @param endDate the day calling stops (exclusive); null: no end
 * @param quietHours hours never called, recipient-local; null: none
 */
public record WindowOracle(
    DailyWindow window, LocalDate startDate, LocalDate endDate, DailyWindow quietHours) {

  /** Some calling day's window holds the instant in the zone, and no quiet hours do. */
  public boolean allows(ZoneId zone, Instant t) {
    LocalDate local = t.atZone(zone).toLocalDate();
    boolean inWindow = false;
    for (LocalDate day = local.minusDays(1); !day.isAfter(local); day = day.plusDays(1)) {
      boolean callingDay =
          (startDate == null || !day.isBefore(startDate))
              && (endDate == null || day.isBefore(endDate));
      if (callingDay && (window == null || holds(window, day, zone, t))) {
        inWindow = true;
      }
    }
    if (!inWindow || quietHours == null) {
      return inWindow;
    }
    for (LocalDate day = local.minusDays(1); !day.isAfter(local); day = day.plusDays(1)) {
      if (holds(quietHours, day, zone, t)) {
        return false;
      }
    }
    return true;
  }

  /** Allowed in every one of the zones. */
  public boolean allows(Iterable<ZoneId> zones, Instant t) {
    for (ZoneId zone : zones) {
      if (!allows(zone, t)) {
        return false;
      }
    }
    return true;
  }

  private static boolean holds(DailyWindow window, LocalDate day, ZoneId zone, Instant t) {
    Instant start = ZonedDateTime.of(day, window.start(), zone).toInstant();
    LocalDate endDay = window.end().isBefore(window.start()) ? day.plusDays(1) : day;
    Instant end = ZonedDateTime.of(endDay, window.end(), zone).toInstant();
    return !t.isBefore(start) && t.isBefore(end);
  }
}
