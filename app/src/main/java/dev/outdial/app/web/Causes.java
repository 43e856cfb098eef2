package dev.outdial.app.web;

import java.util.function.Predicate;

/** Questions about a failure's chain of causes. */
public final class Causes {

  private Causes() {}

  /** Whether the failure or any of its causes passes the test (a cause that is its own ends it). */
  public static boolean anyMatch(Throwable failure, Predicate<Throwable> test) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (test.test(cause)) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }
}
