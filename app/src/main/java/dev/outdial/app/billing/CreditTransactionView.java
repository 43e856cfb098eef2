package dev.outdial.app.billing;

import java.time.Instant;
import java.util.UUID;

/** A ledger row as the user sees it. */
public record CreditTransactionView(
    UUID id,
    String type,
    int amount,
    int balanceAfter,
    String description,
    String stripePaymentId,
    UUID callId,
    UUID createdBy,
    Instant createdAt) {}
