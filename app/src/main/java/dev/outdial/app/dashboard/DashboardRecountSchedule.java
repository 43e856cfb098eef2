package dev.outdial.app.dashboard;

import dev.outdial.activities.dashboard.DashboardCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every {@code OUTDIAL_DASHBOARD_RECOUNT_INTERVAL} (1 s), recounts the agent days and quarter hours
 * of the calls that changed since, a batch per transaction until the queue is empty. Every node
 * takes part; a batch one node holds is skipped by the others.
 */
@Component
class DashboardRecountSchedule {

  private static final Logger log = LoggerFactory.getLogger(DashboardRecountSchedule.class);

  static final int BATCH = 500;

  private final DashboardCounts counts;
  private final TransactionTemplate transaction;

  DashboardRecountSchedule(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.counts = new DashboardCounts(jdbc);
    this.transaction = new TransactionTemplate(transactions);
  }

  @Scheduled(
      initialDelayString = "${outdial.dashboard.recount-interval:1s}",
      fixedDelayString = "${outdial.dashboard.recount-interval:1s}")
  void recount() {
    try {
      Integer taken;
      do {
        taken = transaction.execute(status -> counts.recountQueued(BATCH));
      } while (taken != null && taken == BATCH);
    } catch (RuntimeException e) {
      // Postgres away, or two batches crossing: the calls stay queued for the next round.
      log.warn("Dashboard counts not recounted yet: {}", e.getMessage());
    }
  }
}
