package dev.outdial.app.testing;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * Numbers whose recipients are awake, or asleep, at the moment a test runs: the platform's quiet
 * hours (21:00–08:00 recipient-local) hold back one-off calls, and tests run at any hour. Among
 * four cities on three continents one is always well inside, and one well outside, those hours.
 */
public final class Recipients {

  /** A number and the one zone libphonenumber places it in. */
  public record Recipient(String number, ZoneId zone) {}

  private static final List<Recipient> CITIES =
      List.of(
          new Recipient("+14155552671", ZoneId.of("America/Los_Angeles")),
          new Recipient("+12125552671", ZoneId.of("America/New_York")),
          new Recipient("+442071838750", ZoneId.of("Europe/London")),
          new Recipient("+81312345678", ZoneId.of("Asia/Tokyo")));

  private Recipients() {}

  /** A recipient for whom it is now between 08:30 and 20:30: a call placed now goes through. */
  public static Recipient awake(Clock clock) {
    return first(clock, LocalTime.of(8, 30), LocalTime.of(20, 30));
  }

  /** {@code count} (at most 100) distinct numbers of one city where it is now 08:30 to 20:30. */
  public static List<String> awakeNumbers(Clock clock, int count) {
    String number = awake(clock).number();
    String stem = number.substring(0, number.length() - 2);
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> stem + String.format("%02d", i))
        .toList();
  }

  /** A recipient for whom it is now between 21:15 and 07:45: inside quiet hours, with margin. */
  public static Recipient asleep(Clock clock) {
    return first(clock, LocalTime.of(21, 15), LocalTime.of(7, 45));
  }

  private static Recipient first(Clock clock, LocalTime from, LocalTime to) {
    for (Recipient city : CITIES) {
      LocalTime local = clock.instant().atZone(city.zone()).toLocalTime();
      boolean inside =
          from.isBefore(to)
              ? !local.isBefore(from) && local.isBefore(to)
              : !local.isBefore(from) || local.isBefore(to);
      if (inside) {
        return city;
      }
    }
    throw new IllegalStateException("No city is between " + from + " and " + to + " now");
  }
}
