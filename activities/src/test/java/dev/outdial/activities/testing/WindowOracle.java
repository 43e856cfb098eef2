package dev.outdial.activities.testing;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.outdial.activities.campaign.DailyWindow;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * Every zone libphonenumber places the number in, or the fallback when it places it in none: the
   * zones a dial to the number must suit.
   */
  public static List<ZoneId> zonesOf(String number, ZoneId fallback) {
    List<ZoneId> zones = new ArrayList<>();
    try {
      for (String zone :
          PhoneNumberToTimeZonesMapper.getInstance()
              .getTimeZonesForNumber(PhoneNumberUtil.getInstance().parse(number, "ZZ"))) {
        if (!zone.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
          zones.add(ZoneId.of(zone));
        }
      }
    } catch (NumberParseException | DateTimeException e) {
      // Not a number: no zone of its own.
    }
    return zones.isEmpty() ? List.of(fallback) : zones;
  }

  private static boolean holds(DailyWindow window, LocalDate day, ZoneId zone, Instant t) {
    Instant start = ZonedDateTime.of(day, window.start(), zone).toInstant();
    LocalDate endDay = window.end().isBefore(window.start()) ? day.plusDays(1) : day;
    Instant end = ZonedDateTime.of(endDay, window.end(), zone).toInstant();
    return !t.isBefore(start) && t.isBefore(end);
  }
}
