package dev.outdial.activities.dashboard;

import java.time.LocalDate;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a rebuild of a dashboard table did: the UTC days it recounted, the rows it corrected or
 * wrote, and the rows it removed.
 */
public record Rebuilt(LocalDate from, LocalDate to, int days, int rows, int removed) {

  /** What the recount of one day corrected or wrote, and removed. */
  record Day(int rows, int removed) {}

  /**
   * Recounts each day from {@code from} to {@code to} (both included) in its own transaction,
   * holding the exclusive side of the table's advisory lock {@code lockKey} (whose shared side
   * every recount of a single call takes) while the day is counted.
   */
  static Rebuilt dayByDay(
      LocalDate from,
      LocalDate to,
      PlatformTransactionManager transactionManager,
      JdbcClient jdbc,
      long lockKey,
      Function<LocalDate, Day> recount) {
    TransactionTemplate transaction = new TransactionTemplate(transactionManager);
    int rows = 0;
    int removed = 0;
    int days = 0;
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      LocalDate counted = day;
      Day written =
          transaction.execute(
              status -> {
                jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                    .param("key", lockKey)
                    .query()
                    .listOfRows();
                return recount.apply(counted);
              });
      rows += written.rows();
      removed += written.removed();
      days++;
    }
    return new Rebuilt(from, to, days, rows, removed);
  }
}
