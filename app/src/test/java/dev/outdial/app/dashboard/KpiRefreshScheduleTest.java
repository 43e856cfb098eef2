package dev.outdial.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KpiRefreshScheduleTest {

  /** A clock that moves only when told, and a refresh that takes as long as it is told. */
  private static final class Platform extends Clock {
    Instant now = Instant.parse("2026-12-07T10:00:00Z");
    Duration refreshTakes = Duration.ZERO;
    boolean changed = true;
    final AtomicInteger refreshes = new AtomicInteger();

    boolean refreshIfChanged() {
      if (!changed) {
        return false;
      }
      refreshes.incrementAndGet();
      now = now.plus(refreshTakes);
      return true;
    }

    void wait(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void aQuickRefreshHappensAtEveryTick() {
    Platform platform = new Platform();
    platform.refreshTakes = Duration.ofMillis(50);
    KpiRefreshSchedule schedule = new KpiRefreshSchedule(platform::refreshIfChanged, platform);

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
    KpiRefreshSchedule schedule = new KpiRefreshSchedule(platform::refreshIfChanged, platform);

    Instant start = platform.now;
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
    assertThat(Duration.between(start, platform.now)).isEqualTo(Duration.ofSeconds(22));
  }

  @Test
  void whenNothingChangedNoRefreshHappensAndNoRestIsOwed() {
    Platform platform = new Platform();
    platform.refreshTakes = Duration.ofSeconds(2);
    platform.changed = false;
    KpiRefreshSchedule schedule = new KpiRefreshSchedule(platform::refreshIfChanged, platform);

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
            platform);

    schedule.refresh();
    platform.wait(Duration.ofSeconds(2));
    schedule.refresh();

    assertThat(asked).hasValue(2);
    assertThat(platform.refreshes).hasValue(1);
  }
}
