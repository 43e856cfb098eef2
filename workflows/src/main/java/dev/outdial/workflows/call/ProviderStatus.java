package dev.outdial.workflows.call;

import java.util.Set;

/**
 * A status Bolna reported for an execution (from a webhook or a poll). The payload itself stays in
 * Postgres; the workflow only learns where the call is.
 */
public record ProviderStatus(String executionId, String status) {

  /** Bolna's statuses after which nothing more happens to a call. */
  public static final Set<String> TERMINAL =
      Set.of(
          "completed",
          "busy",
          "no-answer",
          "canceled",
          "failed",
          "stopped",
          "error",
          "balance-low");

  public boolean terminal() {
    return TERMINAL.contains(status);
  }
}
