package dev.outdial.workflows.dispatch;

/**
 * What one dispatch round did.
 *
 * @param started calls started in this round
 * @param millisUntilNextDue how long until the next queued item falls due, or -1 when none will
 *     (items due already that found no slot wait for a call to end, which wakes the dispatcher)
 */
public record DispatchResult(int started, long millisUntilNextDue) {}
