package dev.outdial.activities.billing;

import java.util.UUID;

/** An entry would take a user's balance below zero, and the caller did not ask to clamp it. */
public class InsufficientCreditsException extends RuntimeException {

  private final UUID userId;
  private final int balance;
  private final int amount;

  public InsufficientCreditsException(UUID userId, int balance, int amount) {
    super(
        "A change of " + amount + " credits would take the balance of " + balance + " below zero");
    this.userId = userId;
    this.balance = balance;
    this.amount = amount;
  }

  public UUID userId() {
    return userId;
  }

  public int balance() {
    return balance;
  }

  public int amount() {
    return amount;
  }
}
