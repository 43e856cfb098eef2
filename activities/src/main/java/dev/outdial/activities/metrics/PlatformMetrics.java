package dev.outdial.activities.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the platform does, as Micrometer meters: calls placed and finished, the gate's refusals,
 * credits debited, webhook deliveries and their lag. They go to Micrometer's global registry, to
 * which the app adds its Prometheus registry ({@code /actuator/prometheus}); without one (plain
 * tests) they cost nothing. A count made inside a transaction is made when it commits, so a rolled
 * back or retried step is never counted twice.
 */
public final class PlatformMetrics {

  private static final MeterRegistry REGISTRY = Metrics.globalRegistry;

  private PlatformMetrics() {}

  /** A call Bolna accepted ({@code POST /call} answered with an execution id). */
  public static void callPlaced() {
    afterCommit(() -> counter("outdial.calls.placed", "Calls Bolna accepted").increment());
  }

  /** A call that ended, by the status it ended with (completed, no-answer, busy, failed, ...). */
  public static void callFinished(String outcome) {
    afterCommit(
        () ->
            Counter.builder("outdial.calls.finished")
                .description("Calls that ended, by outcome")
                .tag("outcome", outcome == null ? "unknown" : outcome)
                .register(REGISTRY)
                .increment());
  }

  /** A dial the gate did not let through, by the check that stopped it. */
  public static void gateRefused(String check) {
    afterCommit(
        () ->
            Counter.builder("outdial.gate.refusals")
                .description("Dials the gate stopped, by the check that stopped them")
                .tag("check", check)
                .register(REGISTRY)
                .increment());
  }

  /** Credits taken from balances for calls. */
  public static void creditsDebited(int credits) {
    if (credits > 0) {
      afterCommit(
          () -> counter("outdial.credits.debited", "Credits debited for calls").increment(credits));
    }
  }

  /** A webhook delivery stored in the inbox. */
  public static void webhookReceived() {
    afterCommit(
        () -> counter("outdial.webhooks.received", "Webhook deliveries stored").increment());
  }

  /**
   * A delivery handled: signalled, duplicate, late, ignored (processed), or kept to retry
   * (unmatched, error), with the time from its arrival.
   */
  public static void webhookHandled(String outcome, boolean processed, Duration sinceReceived) {
    afterCommit(
        () -> {
          Counter.builder(processed ? "outdial.webhooks.processed" : "outdial.webhooks.failed")
              .description(
                  processed
                      ? "Webhook deliveries processed, by outcome"
                      : "Webhook deliveries kept to try again, by reason")
              .tag("outcome", outcome)
              .register(REGISTRY)
              .increment();
          if (processed) {
            Timer.builder("outdial.webhooks.lag")
                .description("From a delivery's arrival to its processing")
                .publishPercentiles(0.5, 0.99)
                .register(REGISTRY)
                .record(sinceReceived.isNegative() ? Duration.ZERO : sinceReceived);
          }
        });
  }

  /** Slots the dispatcher handed out, per queue kind (campaign, one-off). */
  public static void allocated(String queue, int slots) {
    if (slots > 0) {
      afterCommit(
          () ->
              Counter.builder("outdial.allocations")
                  .description("Slots handed to waiting calls")
                  .tag("queue", queue)
                  .register(REGISTRY)
                  .increment(slots));
    }
  }

  private static Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(REGISTRY);
  }

  private static void afterCommit(Runnable count) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              count.run();
            }
          });
    } else {
      count.run();
    }
  }
}
