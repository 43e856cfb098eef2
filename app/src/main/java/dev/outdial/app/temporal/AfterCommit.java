package dev.outdial.app.temporal;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Defers a start or signal to Temporal until Postgres has the change it announces, so a workflow
 * never acts on a row that a rollback took back.
 */
public final class AfterCommit {

  private AfterCommit() {}

  /** Runs the action once the current transaction commits, or now when there is none. */
  public static void run(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            action.run();
          }
        });
  }
}
