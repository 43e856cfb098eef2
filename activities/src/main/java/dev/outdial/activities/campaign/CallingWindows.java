package dev.outdial.activities.campaign;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a recipient may be called: inside the campaign's daily window in the recipient's own time
 * zone, on days from the start date and before the end date, and never inside the platform's quiet
 * hours. Times are turned into instants day by day with the zone's rules, so a window stays at the
 * same local hours across daylight-saving changes.
 */
public final class CallingWindows {

  /** How far ahead an opening is looked for before giving up. */
  private static final int MAX_DAYS = 400;

  private static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();
  private static final PhoneNumberToTimeZonesMapper ZONES =
      PhoneNumberToTimeZonesMapper.getInstance();

  private CallingWindows() {}

  /**
   * The recipient's zone: the number's own when it maps to exactly one zone, else the campaign's (a
   * US number maps to one zone by area code; a toll-free or mobile number often to several).
   */
  public static ZoneId recipientZone(String e164, ZoneId campaignZone) {
    try {
      List<String> zones = ZONES.getTimeZonesForNumber(PHONE.parse(e164, "ZZ"));
      if (zones.size() == 1
          && !PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(zones.get(0))) {
        return ZoneId.of(zones.get(0));
      }
    } catch (NumberParseException | DateTimeException e) {
      // Not a number we can place in a zone: the campaign's zone stands in.
    }
    return campaignZone;
  }

  /**
   * Every zone the recipient may be in: all the zones the number maps to (a toll-free or mobile
   * number often maps to several, and then a call must suit each of them), or the fallback zone
   * when the number maps to none.
   */
  public static List<ZoneId> recipientZones(String e164, ZoneId fallback) {
    try {
      List<ZoneId> zones = new ArrayList<>();
      for (String zone : ZONES.getTimeZonesForNumber(PHONE.parse(e164, "ZZ"))) {
        if (!PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(zone)) {
          zones.add(ZoneId.of(zone));
        }
      }
      if (!zones.isEmpty()) {
        return zones;
      }
    } catch (NumberParseException | DateTimeException e) {
      // Not a number we can place in a zone: the fallback stands in.
    }
    return List.of(fallback);
  }

  /**
   * The first instant at or after {@code from} that is allowed in every one of {@code zones}, or
   * empty when there is none (the campaign ends first, or the zones' windows never overlap).
   *
   * @param window the campaign's daily window, recipient-local; null: any hour (one-off calls)
   * @param startDate first day of calling (recipient-local); null: no start
   */
  public static Optional<Instant> nextOpening(
      Instant from,
      List<ZoneId> zones,
      DailyWindow window,
      LocalDate startDate,
      LocalDate endDate,
      DailyWindow quietHours) {
    Instant horizon = from.plus(Duration.ofDays(MAX_DAYS));
    Instant candidate = from;
    while (!candidate.isAfter(horizon)) {
      Instant latest = candidate;
      for (ZoneId zone : zones) {
        Optional<Instant> opening =
            nextOpening(candidate, zone, window, startDate, endDate, quietHours);
        if (opening.isEmpty()) {
          return Optional.empty();
        }
        if (opening.get().isAfter(latest)) {
          latest = opening.get();
        }
      }
      if (latest.equals(candidate)) {
        return Optional.of(candidate);
      }
      candidate = latest;
    }
    return Optional.empty();
  }

  /**
   * The first instant at or after {@code from} when the recipient may be called, or empty when the
   * campaign has no opening left.
   *
   * @param window the campaign's daily window, recipient-local; null: any hour
   * @param startDate first day of calling (recipient-local); null: no start
   * @param endDate calling happens only on days before it; null: no end
   * @param quietHours never called inside these recipient-local hours; null: none
   */
  public static Optional<Instant> nextOpening(
      Instant from,
      ZoneId zone,
      DailyWindow window,
      LocalDate startDate,
      LocalDate endDate,
      DailyWindow quietHours) {
    LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
    if (startDate != null && day.isBefore(startDate)) {
      day = startDate;
    }
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      if (endDate != null && !day.isBefore(endDate)) {
        return Optional.empty();
      }
      for (Interval open : allowed(day, zone, window, quietHours)) {
        if (open.end().isAfter(from)) {
          return Optional.of(open.start().isAfter(from) ? open.start() : from);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the recipient may be called at that instant. */
  public static boolean isOpen(
      Instant at,
      ZoneId zone,
      DailyWindow window,
      LocalDate startDate,
      LocalDate endDate,
      DailyWindow quietHours) {
    return nextOpening(at, zone, window, startDate, endDate, quietHours)
        .map(at::equals)
        .orElse(false);
  }

  private record Interval(Instant start, Instant end) {}

  /** The window that opens on {@code day}, less the quiet hours, as instants in order. */
  private static List<Interval> allowed(
      LocalDate day, ZoneId zone, DailyWindow window, DailyWindow quietHours) {
    Interval occurrence = occurrence(day, zone, window);
    // A window that lies in a clock change's gap (02:01-03:01 when 02:00 jumps to 03:00) starts
    // no earlier than it ends: it has no instant that day.
    if (!occurrence.start().isBefore(occurrence.end())) {
      return List.of();
    }
    List<Interval> open = List.of(occurrence);
    if (quietHours == null) {
      return open;
    }
    // The window spans at most two local days; quiet hours that open the day before reach in.
    for (LocalDate quietDay = day.minusDays(1);
        !quietDay.isAfter(day.plusDays(1));
        quietDay = quietDay.plusDays(1)) {
      open = subtract(open, occurrence(quietDay, zone, quietHours));
    }
    return open;
  }

  private static Interval occurrence(LocalDate day, ZoneId zone, DailyWindow window) {
    if (window == null) {
      return new Interval(
          day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
    }
    ZonedDateTime start = ZonedDateTime.of(day, window.start(), zone);
    ZonedDateTime end =
        ZonedDateTime.of(window.crossesMidnight() ? day.plusDays(1) : day, window.end(), zone);
    return new Interval(start.toInstant(), end.toInstant());
  }

  private static List<Interval> subtract(List<Interval> intervals, Interval cut) {
    List<Interval> rest = new ArrayList<>();
    for (Interval interval : intervals) {
      if (!cut.end().isAfter(interval.start()) || !cut.start().isBefore(interval.end())) {
        rest.add(interval);
        continue;
      }
      if (cut.start().isAfter(interval.start())) {
        rest.add(new Interval(interval.start(), cut.start()));
      }
      if (cut.end().isBefore(interval.end())) {
        rest.add(new Interval(cut.end(), interval.end()));
      }
    }
    return rest;
  }
}
