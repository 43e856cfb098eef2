package dev.outdial.workflows.dispatch;

/**
 * What one dispatch round did.
 *
 * @param started calls started in this round
 * @param millisUntilNextDue how long until the next queued item falls due, or -1 when none waits
 */
public record DispatchResult(int started, long millisUntilNextDue) {}
