package dev.outdial.activities.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.billing.CreditsPerMinute;
import dev.outdial.activities.campaign.DailyWindow;
import dev.outdial.activities.dispatch.DialGate.Close;
import dev.outdial.activities.dispatch.DialGate.Decision;
import dev.outdial.activities.dispatch.DialGate.Pass;
import dev.outdial.activities.dispatch.DialGate.Requeue;
import dev.outdial.activities.testing.MutableClock;
import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import dev.outdial.activities.testing.WindowOracle;
import java.sql.Date;
import java.sql.Time;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * No dial outside a window: for random numbers (one zone, several, none), campaign windows, quiet
 * hours, calling days and instants around both clock changes, the gate on real Postgres lets a dial
 * through exactly when an oracle built on {@code java.time} allows the instant in every zone the
 * number may be in; a dial it holds back is queued for the first minute the oracle allows.
 */
class GateWindowPropertyIT {

  /** Fixed, so that the build is the same every run; change it to explore. */
  private static final String SEED = "20261202";

  private static final int ORACLE_DAYS = 4;

  /** New York; London; Kolkata; Auckland; a US toll-free number (every US zone); none. */
  private static final List<String> NUMBERS =
      List.of(
          "+12125550143",
          "+442079460000",
          "+919876543210",
          "+6493001234",
          "+18005550100",
          "+999123");

  private static final List<String> CAMPAIGN_ZONES =
      List.of("America/Chicago", "Europe/Dublin", "Australia/Lord_Howe", "UTC");

  private static final MutableClock CLOCK = new MutableClock(Instant.EPOCH);
  private static DailyWindow quietHours;
  private static JdbcClient jdbc;
  private static DialGate gate;
  private static UUID user;
  private static UUID campaign;

  record Case(
      String number,
      boolean inCampaign,
      ZoneId campaignZone,
      DailyWindow window,
      LocalDate startDate,
      LocalDate endDate,
      DailyWindow quietHours,
      Instant now) {

    WindowOracle oracle() {
      return inCampaign
          ? new WindowOracle(window, startDate, endDate, quietHours)
          : new WindowOracle(null, null, null, quietHours);
    }

    /** Every zone the number may be in, or the campaign's (UTC for a one-off call) for none. */
    List<ZoneId> zones() {
      return WindowOracle.zonesOf(number, inCampaign ? campaignZone : ZoneId.of("UTC"));
    }
  }

  @BeforeContainer
  static void database() {
    jdbc = JdbcClient.create(TestDatabase.freshDatabase());
    TestRows rows = new TestRows(jdbc);
    user = rows.user(1000, 5);
    campaign =
        rows.activeCampaign(user, rows.agent(user), LocalTime.of(9, 0), LocalTime.of(17, 0), "UTC");
    gate = new DialGate(jdbc, () -> quietHours, 1_000, new CreditsPerMinute(1), CLOCK);
  }

  @Property(tries = 300, seed = SEED)
  void aDialPassesExactlyWhenEveryZoneOfTheNumberAllowsTheInstant(@ForAll("cases") Case c) {
    jdbc.sql(
            """
            UPDATE call_campaigns SET first_call_time = :first, last_call_time = :last,
              start_date = :start, end_date = :end, timezone = :zone
            WHERE id = :id
            """)
        .param("first", Time.valueOf(c.window().start()))
        .param("last", Time.valueOf(c.window().end()))
        .param(
            "start", Date.valueOf(c.startDate() == null ? LocalDate.of(2000, 1, 1) : c.startDate()))
        .param("end", c.endDate() == null ? null : Date.valueOf(c.endDate()))
        .param("zone", c.campaignZone().getId())
        .param("id", campaign)
        .update();
    quietHours = c.quietHours();
    CLOCK.set(c.now());

    Decision decision =
        gate.check(
            new DialGate.Dial(
                user, null, null, c.inCampaign() ? campaign : null, c.number(), c.inCampaign()));

    List<ZoneId> zones = c.zones();
    WindowOracle oracle = c.oracle();
    boolean allowedNow = oracle.allows(zones, c.now());
    assertThat(decision instanceof Pass)
        .as("%s in %s: %s", c, zones, decision)
        .isEqualTo(allowedNow);
    if (decision instanceof Requeue requeue) {
      assertThat(requeue.at()).as("%s in %s", c, zones).isEqualTo(firstAllowed(c, zones));
    } else if (decision instanceof Close) {
      assertThat(firstAllowed(c, zones)).as("%s in %s: %s", c, zones, decision).isNull();
    }
  }

  /** The first minute within the oracle's horizon that every zone allows, or null. */
  private static Instant firstAllowed(Case c, List<ZoneId> zones) {
    WindowOracle oracle = c.oracle();
    Instant end = c.now().plus(Duration.ofDays(ORACLE_DAYS));
    for (Instant t = c.now(); t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
      if (oracle.allows(zones, t)) {
        return t;
      }
    }
    return null;
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<DailyWindow> windows =
        Combinators.combine(minuteOfDay(), minuteOfDay())
            .filter((a, b) -> !a.equals(b))
            .as(DailyWindow::new);
    Arbitrary<Integer> startOffset = Arbitraries.integers().between(-2, 2).injectNull(0.5);
    Arbitrary<Integer> length = Arbitraries.integers().between(0, 3).injectNull(0.5);
    Arbitrary<Instant> instants =
        Combinators.combine(
                Arbitraries.of("America/New_York", "Europe/London", "Pacific/Auckland"),
                Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(-30 * 60, 30 * 60))
            .as(
                (zone, change, minutes) ->
                    clockChange(ZoneId.of(zone), change)
                        .plus(Duration.ofMinutes(minutes))
                        .truncatedTo(ChronoUnit.MINUTES));
    return Combinators.combine(
            Arbitraries.of(NUMBERS),
            Arbitraries.of(true, true, false),
            Arbitraries.of(CAMPAIGN_ZONES).map(ZoneId::of),
            windows,
            startOffset,
            length,
            windows.injectNull(0.4),
            instants)
        .as(
            (number, inCampaign, zone, window, start, days, quiet, now) -> {
              LocalDate today = now.atZone(zone).toLocalDate();
              LocalDate startDate = start == null ? null : today.plusDays(start);
              LocalDate endDate =
                  days == null ? null : (startDate == null ? today : startDate).plusDays(days);
              return new Case(number, inCampaign, zone, window, startDate, endDate, quiet, now);
            });
  }

  private static Arbitrary<LocalTime> minuteOfDay() {
    return Arbitraries.integers()
        .between(0, 24 * 60 - 1)
        .map(minute -> LocalTime.of(minute / 60, minute % 60));
  }

  /** The zone's first (spring or autumn) clock change of 2026, or its second. */
  private static Instant clockChange(ZoneId zone, int which) {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i <= which; i++) {
      ZoneOffsetTransition next = zone.getRules().nextTransition(at);
      at = next.getInstant();
    }
    return at;
  }
}
