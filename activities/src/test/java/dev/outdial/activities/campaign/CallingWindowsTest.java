package dev.outdial.activities.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallingWindowsTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final DailyWindow NINE_TO_FIVE = DailyWindow.parse("09:00-17:00");
  private static final DailyWindow QUIET = DailyWindow.parse("21:00-08:00");
  private static final LocalDate START = LocalDate.of(2026, 3, 1);

  private static Instant newYork(String localDateTime) {
    return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), NEW_YORK).toInstant();
  }

  private static Optional<Instant> next(
      String fromNewYork, DailyWindow window, LocalDate end, DailyWindow quiet) {
    return CallingWindows.nextOpening(newYork(fromNewYork), NEW_YORK, window, START, end, quiet);
  }

  @Test
  void withoutAWindowOfItsOwnOnlyTheQuietHoursHoldACallBack() {
    assertThat(next("2026-03-02T23:15", null, null, QUIET)).contains(newYork("2026-03-03T08:00"));
    assertThat(next("2026-03-02T13:10", null, null, QUIET)).contains(newYork("2026-03-02T13:10"));
    assertThat(next("2026-03-02T03:00", null, null, null)).contains(newYork("2026-03-02T03:00"));
  }

  @Test
  void beforeTheWindowTheCallWaitsForItsOpening() {
    assertThat(next("2026-03-02T07:30", NINE_TO_FIVE, null, null))
        .contains(newYork("2026-03-02T09:00"));
  }

  @Test
  void insideTheWindowTheCallMayGoNow() {
    assertThat(next("2026-03-02T12:34", NINE_TO_FIVE, null, null))
        .contains(newYork("2026-03-02T12:34"));
    assertThat(
            CallingWindows.isOpen(
                newYork("2026-03-02T12:34"), NEW_YORK, NINE_TO_FIVE, START, null, null))
        .isTrue();
    assertThat(
            CallingWindows.isOpen(
                newYork("2026-03-02T17:00"), NEW_YORK, NINE_TO_FIVE, START, null, null))
        .isFalse();
  }

  @Test
  void afterTheWindowTheCallWaitsForTomorrow() {
    assertThat(next("2026-03-02T17:00", NINE_TO_FIVE, null, null))
        .contains(newYork("2026-03-03T09:00"));
  }

  @Test
  void theWindowStaysAtLocalHoursAcrossTheSpringDaylightSavingChange() {
    // 2026-03-08: New York moves from UTC-5 to UTC-4.
    Optional<Instant> before = next("2026-03-07T18:00", NINE_TO_FIVE, null, null);
    Optional<Instant> after = next("2026-03-08T18:00", NINE_TO_FIVE, null, null);

    assertThat(before).contains(Instant.parse("2026-03-08T13:00:00Z"));
    assertThat(after).contains(Instant.parse("2026-03-09T13:00:00Z"));
    assertThat(
            next("2026-03-07T18:00", NINE_TO_FIVE, null, null)
                .map(i -> i.atZone(NEW_YORK).getHour()))
        .contains(9);
  }

  @Test
  void aWindowAcrossMidnightIsOpenLateAndEarly() {
    DailyWindow night = DailyWindow.parse("22:00-02:00");

    assertThat(next("2026-03-02T23:30", night, null, null)).contains(newYork("2026-03-02T23:30"));
    assertThat(next("2026-03-03T01:00", night, null, null)).contains(newYork("2026-03-03T01:00"));
    assertThat(next("2026-03-03T03:00", night, null, null)).contains(newYork("2026-03-03T22:00"));
  }

  @Test
  void noDayOnOrAfterTheEndDateIsCalled() {
    LocalDate end = LocalDate.of(2026, 3, 4);

    assertThat(next("2026-03-03T18:00", NINE_TO_FIVE, end, null)).isEmpty();
    assertThat(next("2026-03-03T10:00", NINE_TO_FIVE, end, null))
        .contains(newYork("2026-03-03T10:00"));
  }

  @Test
  void nothingIsCalledBeforeTheStartDate() {
    assertThat(
            CallingWindows.nextOpening(
                newYork("2026-02-20T10:00"), NEW_YORK, NINE_TO_FIVE, START, null, null))
        .contains(newYork("2026-03-01T09:00"));
  }

  @Test
  void quietHoursWinOverAnyCampaignWindow() {
    DailyWindow wide = DailyWindow.parse("06:00-23:00");

    assertThat(next("2026-03-02T06:30", wide, null, QUIET)).contains(newYork("2026-03-02T08:00"));
    assertThat(next("2026-03-02T21:30", wide, null, QUIET)).contains(newYork("2026-03-03T08:00"));
    assertThat(
            next(
                "2026-03-02T22:00",
                DailyWindow.parse("22:00-02:00"),
                LocalDate.of(2026, 3, 10),
                QUIET))
        .isEmpty();
  }

  @Test
  void theRecipientsZoneComesFromTheirNumberWhenItNamesOne() {
    assertThat(CallingWindows.recipientZone("+12125550100", UTC))
        .isEqualTo(ZoneId.of("America/New_York"));
    assertThat(CallingWindows.recipientZone("+14155552671", UTC))
        .isEqualTo(ZoneId.of("America/Los_Angeles"));
    assertThat(CallingWindows.recipientZone("+442079460958", UTC))
        .isEqualTo(ZoneId.of("Europe/London"));
    // A US toll-free number belongs to no single zone: the campaign's zone stands in.
    assertThat(CallingWindows.recipientZone("+18005550100", NEW_YORK)).isEqualTo(NEW_YORK);
    assertThat(CallingWindows.recipientZone("not a number", NEW_YORK)).isEqualTo(NEW_YORK);
  }

  @Test
  void aCallerInLosAngelesIsCalledAtNineThereNotAtNineInTheCampaignsZone() {
    ZoneId losAngeles = CallingWindows.recipientZone("+14155552671", NEW_YORK);

    Optional<Instant> opening =
        CallingWindows.nextOpening(
            newYork("2026-03-02T09:00"), losAngeles, NINE_TO_FIVE, START, null, QUIET);

    assertThat(opening).contains(newYork("2026-03-02T12:00"));
  }

  @Test
  void aWindowInsideTheSpringForwardGapHasNoOpeningThatDay() {
    ZoneId newYork = ZoneId.of("America/New_York");
    // 02:00 jumps to 03:00 on 8 March 2026: 02:01 and 03:01 both become 03:01.
    Instant justAfterTheJump = Instant.parse("2026-03-08T07:00:00Z");
    DailyWindow inTheGap = new DailyWindow(LocalTime.of(2, 1), LocalTime.of(3, 1));

    assertThat(
            CallingWindows.nextOpening(
                justAfterTheJump, newYork, inTheGap, null, LocalDate.of(2026, 3, 9), null))
        .isEmpty();
    assertThat(CallingWindows.nextOpening(justAfterTheJump, newYork, inTheGap, null, null, null))
        .contains(Instant.parse("2026-03-09T06:01:00Z"));
  }

  @Test
  void theWindowStaysAtLocalHoursAcrossTheAutumnDaylightSavingChange() {
    // 2026-11-01: New York moves back from UTC-4 to UTC-5 at 02:00.
    assertThat(next("2026-10-31T18:00", NINE_TO_FIVE, null, null))
        .contains(Instant.parse("2026-11-01T14:00:00Z"));
    assertThat(next("2026-10-31T08:00", NINE_TO_FIVE, null, null))
        .contains(Instant.parse("2026-10-31T13:00:00Z"));
  }

  @Test
  void aWindowThatOpensInsideTheRepeatedHourOpensTheFirstTimeTheClockShowsIt() {
    // 01:30 happens twice on 1 November 2026: at 05:30Z (EDT) and again at 06:30Z (EST).
    DailyWindow fromHalfPastOne = DailyWindow.parse("01:30-05:00");
    Instant midnight = Instant.parse("2026-11-01T04:00:00Z");

    assertThat(CallingWindows.nextOpening(midnight, NEW_YORK, fromHalfPastOne, null, null, null))
        .contains(Instant.parse("2026-11-01T05:30:00Z"));
    // Between the two half past ones the window is open: it opened once and has not closed.
    assertThat(
            CallingWindows.isOpen(
                Instant.parse("2026-11-01T06:10:00Z"), NEW_YORK, fromHalfPastOne, null, null, null))
        .isTrue();
  }

  @Test
  void aWindowThatClosesInsideTheRepeatedHourClosesTheFirstTimeTheClockShowsIt() {
    // "Until 01:30" ends at the first 01:30; when the clock shows 01:10 again, it is closed.
    DailyWindow lateEvening = DailyWindow.parse("22:00-01:30");

    assertThat(
            CallingWindows.isOpen(
                Instant.parse("2026-11-01T05:10:00Z"), NEW_YORK, lateEvening, null, null, null))
        .isTrue();
    assertThat(
            CallingWindows.isOpen(
                Instant.parse("2026-11-01T06:10:00Z"), NEW_YORK, lateEvening, null, null, null))
        .isFalse();
    assertThat(
            CallingWindows.nextOpening(
                Instant.parse("2026-11-01T06:10:00Z"), NEW_YORK, lateEvening, null, null, null))
        .contains(Instant.parse("2026-11-02T03:00:00Z"));
  }

  @Test
  void quietHoursEndAtTheirLocalHourOnTheNightsTheClockChanges() {
    DailyWindow allDay = DailyWindow.parse("00:00-23:59");
    // The autumn night is an hour longer: quiet until 08:00 EST.
    assertThat(
            CallingWindows.nextOpening(
                Instant.parse("2026-11-01T05:00:00Z"), NEW_YORK, allDay, null, null, QUIET))
        .contains(Instant.parse("2026-11-01T13:00:00Z"));
    // The spring night is an hour shorter: quiet until 08:00 EDT.
    assertThat(
            CallingWindows.nextOpening(
                Instant.parse("2026-03-08T05:00:00Z"), NEW_YORK, allDay, null, null, QUIET))
        .contains(Instant.parse("2026-03-08T12:00:00Z"));
    // And they start at their local hour the evening after: 21:00 EST is 02:00Z.
    assertThat(
            CallingWindows.isOpen(
                Instant.parse("2026-11-02T01:59:00Z"), NEW_YORK, allDay, null, null, QUIET))
        .isTrue();
    assertThat(
            CallingWindows.isOpen(
                Instant.parse("2026-11-02T02:00:00Z"), NEW_YORK, allDay, null, null, QUIET))
        .isFalse();
  }

  @Test
  void aNumberOfSeveralZonesIsCalledOnlyWhenItIsCallingTimeInEachOfThem() {
    ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
    List<ZoneId> coasts = List.of(NEW_YORK, losAngeles);

    // 09:00 in Los Angeles is 12:00 in New York: the first hour both are inside nine to five.
    assertThat(
            CallingWindows.nextOpening(
                newYork("2026-03-02T08:00"), coasts, NINE_TO_FIVE, START, null, null))
        .contains(newYork("2026-03-02T12:00"));
    // Nine to eleven never holds on both coasts at once.
    assertThat(
            CallingWindows.nextOpening(
                newYork("2026-03-02T08:00"),
                coasts,
                DailyWindow.parse("09:00-11:00"),
                START,
                null,
                null))
        .isEmpty();
  }

  @Test
  void everyZoneANumberMayBeInIsConsideredAndTheFallbackOnlyWhenItNamesNone() {
    assertThat(CallingWindows.recipientZones("+12125550100", UTC)).containsExactly(NEW_YORK);
    assertThat(CallingWindows.recipientZones("+18005550100", UTC))
        .contains(NEW_YORK, ZoneId.of("America/Los_Angeles"), ZoneId.of("Pacific/Honolulu"));
    assertThat(CallingWindows.recipientZones("+999123", NEW_YORK)).containsExactly(NEW_YORK);
    assertThat(CallingWindows.recipientZones("not a number", NEW_YORK)).containsExactly(NEW_YORK);
  }

  @Test
  void aWindowReadsAsItIsWritten() {
    assertThat(DailyWindow.parse(" 21:00 - 08:00 ")).hasToString("21:00-08:00");
  }
}
