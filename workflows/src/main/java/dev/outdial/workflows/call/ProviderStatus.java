package dev.outdial.workflows.call;

/**
 * A status Bolna reported for an execution (from a webhook or a poll). The payload itself stays in
 * Postgres; the workflow only learns where the call is.
 */
public record ProviderStatus(String executionId, String status) {

  /** Statuses after which nothing more happens to the call. */
  public boolean terminal() {
    return switch (status) {
      case "completed",
          "busy",
          "no-answer",
          "canceled",
          "failed",
          "stopped",
          "error",
          "balance-low" ->
          true;
      default -> false;
    };
  }
}
