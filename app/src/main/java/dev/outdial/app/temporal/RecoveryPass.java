package dev.outdial.app.temporal;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of rebuilding from Postgres what Temporal lost. Nothing in it may stop the scheduler: a
 * pass whose read fails is skipped, and a row whose recovery fails waits for the next pass.
 */
public final class RecoveryPass {

  private static final Logger log = LoggerFactory.getLogger(RecoveryPass.class);

  private RecoveryPass() {}

  /**
   * @param what what the pass recovers, for the log
   * @param rows reads the rows to look at
   * @param name names a row in the log
   * @param recover recovers one row
   */
  public static <T> void run(
      String what, Supplier<List<T>> rows, Function<T, Object> name, Consumer<T> recover) {
    List<T> found;
    try {
      found = rows.get();
    } catch (RuntimeException e) {
      log.warn("Recovery of {} skipped: {}", what, e.getMessage());
      return;
    }
    for (T row : found) {
      try {
        recover.accept(row);
      } catch (RuntimeException e) {
        log.warn("{} {} not recovered yet: {}", what, name.apply(row), e.getMessage());
      }
    }
  }
}
