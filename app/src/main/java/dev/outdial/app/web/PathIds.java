package dev.outdial.app.web;

/**
 * Path variables that are ids, so {@code /api/contacts/export.csv} is never taken for a contact
 * whose id is "export.csv": a method a path does not serve is 405, not a 400 about a malformed id.
 */
public final class PathIds {

  /** {@code {id}}, matching a UUID's 36 characters only. */
  public static final String ID = "{id:[0-9a-fA-F-]{36}}";

  private PathIds() {}
}
