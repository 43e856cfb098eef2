package dev.outdial.app.contact;

/**
 * A number put on a list.
 *
 * @param alreadyListed the number was on the list before; the first entry stands
 * @param closedCalls calls still queued to the number that were closed with the reason
 */
public record DoNotCallAdded(DoNotCallView entry, boolean alreadyListed, int closedCalls) {}
