package dev.outdial.activities.billing;

import java.util.UUID;

/** The ledger was asked to change the credits of a user that does not exist. */
public class UnknownUserException extends RuntimeException {

  public UnknownUserException(UUID userId) {
    super("No user " + userId);
  }
}
