package dev.outdial.app.admin;

import java.util.UUID;

/** The ledger row an adjustment wrote and the user's balance after it. */
public record CreditAdjustmentView(UUID transactionId, int amount, int balanceAfter) {}
