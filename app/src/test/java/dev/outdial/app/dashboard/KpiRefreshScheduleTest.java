package dev.outdial.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KpiRefreshScheduleTest {

  /** The platform's clock, and a refresh that takes it as long as it is told. */
  private static final class Platform {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    Duration refreshTakes = Duration.ZERO;
    boolean changed = true;
    final AtomicInteger refreshes = new AtomicInteger();

    boolean refreshIfChanged() {
      if (!changed) {
        return false;
      }
      refreshes.incrementAndGet();
      clock.advance(refreshTakes);
      return true;
    }

    void wait(Duration duration) {
      clock.advance(duration);
    }

    Instant now() {
      return clock.instant();
    }

    KpiRefreshSchedule schedule() {
      return new KpiRefreshSchedule(this::refreshIfChanged, clock);
    }
  }

  @Test
  void aQuickRefreshHappensAtEveryTick() {
    Platform platform = new Platform();
    platform.refreshTakes = Duration.ofMillis(50);
    KpiRefreshSchedule schedule = platform.schedule();

    for (int tick = 0; tick < 5; tick++) {
      schedule.refresh();
      platform.wait(Duration.ofSeconds(2));
    }

    assertThat(platform.refreshes).hasValue(5);
  }

  @Test
  void aSlowRefreshWaitsNineTimesItsDurationSoItTakesATenthOfTheTimeAtMost() {
    Platform platform = new Platform();
    platform.refreshTakes = Duration.ofSeconds(2);
    KpiRefreshSchedule schedule = platform.schedule();

    Instant start = platform.now();
    schedule.refresh();
    for (int tick = 0; tick < 8; tick++) {
      platform.wait(Duration.ofSeconds(2));
      schedule.refresh();
    }
    // 2 s of refresh, then 18 s of rest: the ticks at 4 s to 18 s pass it by.
    assertThat(platform.refreshes).hasValue(1);

    platform.wait(Duration.ofSeconds(2));
    schedule.refresh();
    assertThat(platform.refreshes).hasValue(2);
    // The second began at 20 s and took 2 s.
    assertThat(Duration.between(start, platform.now())).isEqualTo(Duration.ofSeconds(22));
  }

  @Test
  void whenNothingChangedNoRefreshHappensAndNoRestIsOwed() {
    Platform platform = new Platform();
    platform.refreshTakes = Duration.ofSeconds(2);
    platform.changed = false;
    KpiRefreshSchedule schedule = platform.schedule();

    schedule.refresh();
    platform.changed = true;
    platform.wait(Duration.ofSeconds(2));
    schedule.refresh();

    assertThat(platform.refreshes).hasValue(1);
  }

  @Test
  void aFailedRefreshIsTriedAgainAtTheNextTick() {
    Platform platform = new Platform();
    AtomicInteger asked = new AtomicInteger();
    KpiRefreshSchedule schedule =
        new KpiRefreshSchedule(
            () -> {
              if (asked.incrementAndGet() == 1) {
                throw new IllegalStateException("Postgres is away");
              }
              return platform.refreshIfChanged();
            },
            platform.clock);

    schedule.refresh();
    platform.wait(Duration.ofSeconds(2));
    schedule.refresh();

    assertThat(asked).hasValue(2);
    assertThat(platform.refreshes).hasValue(1);
  }
}
