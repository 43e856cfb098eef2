package dev.outdial.activities.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the {@code user_kpi} materialized view current without refreshing it once per call: asked
 * every few seconds, it refreshes {@code CONCURRENTLY} (readers are never blocked) only when {@code
 * kpi_changes} holds notes (triggers write one per statement that changes what the view counts),
 * then deletes the notes it saw; only one app node refreshes at a time.
 */
public class KpiRefresher {

  private static final Logger log = LoggerFactory.getLogger(KpiRefresher.class);

  private static final long LOCK_KEY = 0x0ed1a3L;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;

  public KpiRefresher(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
  }

  /**
   * Refreshes the view if its tables changed; false when nothing changed or another node is at it.
   */
  public boolean refreshIfChanged() {
    Boolean refreshed =
        transaction.execute(
            status -> {
              if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                  .param("key", LOCK_KEY)
                  .query(Boolean.class)
                  .single()) {
                return false;
              }
              Long seen =
                  jdbc.sql("SELECT max(id) FROM kpi_changes")
                      .query(Long.class)
                      .optional()
                      .orElse(null);
              if (seen == null) {
                return false;
              }
              long started = System.nanoTime();
              jdbc.sql("REFRESH MATERIALIZED VIEW CONCURRENTLY user_kpi").update();
              jdbc.sql("DELETE FROM kpi_changes WHERE id <= :seen").param("seen", seen).update();
              log.debug("user_kpi refreshed in {} ms", (System.nanoTime() - started) / 1_000_000);
              return true;
            });
    return Boolean.TRUE.equals(refreshed);
  }
}
