package dev.outdial.app.dashboard;

import dev.outdial.activities.dashboard.KpiRefresher;
import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Asks for a {@code user_kpi} refresh every {@code OUTDIAL_DASHBOARD_KPI_REFRESH_INTERVAL} (2 s):
 * it happens only when something the view counts has changed, and on one node at a time, so a
 * finished call shows within a few seconds and no call pays for a refresh.
 *
 * <p>The view is made again from every call on the platform, so a refresh takes longer as calls
 * accumulate (200 ms at 100,000 calls). After each one the next waits nine times as long as it
 * took: refreshing never takes more than a tenth of the database's time, and the dashboards lag by
 * that much more on a large platform.
 */
@Component
class KpiRefreshSchedule {

  private static final Logger log = LoggerFactory.getLogger(KpiRefreshSchedule.class);

  private final BooleanSupplier refreshIfChanged;
  private final DatabaseRest rest;

  @Autowired
  KpiRefreshSchedule(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
    this(new KpiRefresher(jdbc, transactions)::refreshIfChanged, clock);
  }

  KpiRefreshSchedule(BooleanSupplier refreshIfChanged, Clock clock) {
    this.refreshIfChanged = refreshIfChanged;
    this.rest = new DatabaseRest(clock);
  }

  @Scheduled(
      initialDelayString = "${outdial.dashboard.kpi-refresh-interval:2s}",
      fixedDelayString = "${outdial.dashboard.kpi-refresh-interval:2s}")
  void refresh() {
    Instant started = rest.startIfRested();
    if (started == null) {
      return;
    }
    try {
      if (refreshIfChanged.getAsBoolean()) {
        rest.worked(started);
      }
    } catch (RuntimeException e) {
      // Postgres away or shutting down: the dashboards show the last refresh meanwhile.
      log.warn("user_kpi not refreshed: {}", e.getMessage());
    }
  }
}
