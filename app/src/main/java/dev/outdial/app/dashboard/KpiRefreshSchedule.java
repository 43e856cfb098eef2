package dev.outdial.app.dashboard;

import dev.outdial.activities.dashboard.KpiRefresher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Asks for a {@code user_kpi} refresh every {@code OUTDIAL_DASHBOARD_KPI_REFRESH_INTERVAL} (2 s):
 * it happens only when something the view counts has changed, and on one node at a time, so a
 * finished call shows within a few seconds and no call pays for a refresh.
 */
@Component
class KpiRefreshSchedule {

  private static final Logger log = LoggerFactory.getLogger(KpiRefreshSchedule.class);

  private final KpiRefresher refresher;

  KpiRefreshSchedule(JdbcClient jdbc, PlatformTransactionManager transactions) {
    this.refresher = new KpiRefresher(jdbc, transactions);
  }

  @Scheduled(
      initialDelayString = "${outdial.dashboard.kpi-refresh-interval:2s}",
      fixedDelayString = "${outdial.dashboard.kpi-refresh-interval:2s}")
  void refresh() {
    try {
      refresher.refreshIfChanged();
    } catch (RuntimeException e) {
      // Postgres away or shutting down: the dashboards show the last refresh meanwhile.
      log.warn("user_kpi not refreshed: {}", e.getMessage());
    }
  }
}
