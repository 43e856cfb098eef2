package dev.outdial.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DashboardRecountScheduleTest {

  /** A queue of calls to recount, and a batch that takes the clock as long as it is told. */
  private static final class Queue {
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    Duration batchTakes = Duration.ofMillis(20);
    int queued;
    final List<Integer> batches = new ArrayList<>();

    int recountBatch() {
      int taken = Math.min(queued, DashboardRecountSchedule.BATCH);
      queued -= taken;
      batches.add(taken);
      clock.advance(batchTakes);
      return taken;
    }

    DashboardRecountSchedule schedule() {
      return new DashboardRecountSchedule(this::recountBatch, clock);
    }
  }

  @Test
  void aRoundTakesTheQueueInBatchesUntilItIsEmpty() {
    Queue queue = new Queue();
    queue.queued = 1_200;

    queue.schedule().recount();

    assertThat(queue.batches).containsExactly(500, 500, 200);
    assertThat(queue.queued).isZero();
  }

  @Test
  void quickRecountsHappenAtEveryTick() {
    Queue queue = new Queue();
    DashboardRecountSchedule schedule = queue.schedule();

    for (int tick = 0; tick < 3; tick++) {
      queue.queued = 10;
      schedule.recount();
      queue.clock.advance(Duration.ofSeconds(1));
    }

    assertThat(queue.batches).containsExactly(10, 10, 10);
  }

  @Test
  void aSlowRoundLetsTheCallsOfTheNextNineTimesItsDurationWaitAndTakesThemTogether() {
    Queue queue = new Queue();
    queue.batchTakes = Duration.ofMillis(500);
    DashboardRecountSchedule schedule = queue.schedule();

    queue.queued = 25;
    schedule.recount();
    // 0.5 s of recounting, 4.5 s of rest: the ticks at 1.5 s to 4.5 s pass it by.
    for (int tick = 0; tick < 4; tick++) {
      queue.clock.advance(Duration.ofSeconds(1));
      queue.queued += 25;
      schedule.recount();
    }
    assertThat(queue.batches).containsExactly(25);

    queue.clock.advance(Duration.ofSeconds(1));
    queue.queued += 25;
    schedule.recount();
    assertThat(queue.batches).containsExactly(25, 125);
  }

  @Test
  void anEmptyQueueOwesNoRest() {
    Queue queue = new Queue();
    queue.batchTakes = Duration.ofSeconds(1);
    DashboardRecountSchedule schedule = queue.schedule();

    schedule.recount();
    queue.clock.advance(Duration.ofSeconds(1));
    queue.queued = 3;
    schedule.recount();

    assertThat(queue.batches).containsExactly(0, 3);
  }

  @Test
  void aFailedRoundLeavesTheQueueForTheNextTick() {
    Queue queue = new Queue();
    queue.queued = 7;
    int[] asked = {0};
    DashboardRecountSchedule schedule =
        new DashboardRecountSchedule(
            () -> {
              if (++asked[0] == 1) {
                throw new IllegalStateException("Postgres is away");
              }
              return queue.recountBatch();
            },
            queue.clock);

    schedule.recount();
    queue.clock.advance(Duration.ofSeconds(1));
    schedule.recount();

    assertThat(queue.batches).containsExactly(7);
  }
}
