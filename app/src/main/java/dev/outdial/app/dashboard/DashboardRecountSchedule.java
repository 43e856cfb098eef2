package dev.outdial.app.dashboard;

import dev.outdial.activities.dashboard.DashboardCounts;
import java.time.Clock;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every {@code OUTDIAL_DASHBOARD_RECOUNT_INTERVAL} (1 s), recounts the agent days and quarter hours
 * of the calls that changed since, a batch per transaction until the queue is empty. Every node
 * takes part; a batch one node holds is skipped by the others.
 *
 * <p>A recount reads the whole day of its agent, so a day of 100,000 calls takes a while to
 * recount. After a round the next waits nine times as long as it took ({@link DatabaseRest}): the
 * calls of the meantime are recounted together, and recounting never takes more than a tenth of the
 * database's time.
 */
@Component
class DashboardRecountSchedule {

  private static final Logger log = LoggerFactory.getLogger(DashboardRecountSchedule.class);

  static final int BATCH = 500;

  private final IntSupplier recountBatch;
  private final DatabaseRest rest;

  @Autowired
  DashboardRecountSchedule(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    this(recountingIn(new DashboardCounts(jdbc), new TransactionTemplate(transactions)), clock);
  }

  /** {@code recountBatch} recounts up to {@link #BATCH} queued calls and answers how many. */
  DashboardRecountSchedule(IntSupplier recountBatch, Clock clock) {
    this.recountBatch = recountBatch;
    this.rest = new DatabaseRest(clock);
  }

  private static IntSupplier recountingIn(DashboardCounts counts, TransactionTemplate transaction) {
    return () -> {
      Integer taken = transaction.execute(status -> counts.recountQueued(BATCH));
      return taken == null ? 0 : taken;
    };
  }

  @Scheduled(
      initialDelayString = "${outdial.dashboard.recount-interval:1s}",
      fixedDelayString = "${outdial.dashboard.recount-interval:1s}")
  void recount() {
    Instant started = rest.startIfRested();
    if (started == null) {
      return;
    }
    try {
      int taken;
      int total = 0;
      do {
        taken = recountBatch.getAsInt();
        total += taken;
      } while (taken == BATCH);
      if (total > 0) {
        rest.worked(started);
      }
    } catch (RuntimeException e) {
      // Postgres away, or two batches crossing: the calls stay queued for the next round.
      log.warn("Dashboard counts not recounted yet: {}", e.getMessage());
    }
  }
}
