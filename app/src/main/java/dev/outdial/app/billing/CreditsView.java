package dev.outdial.app.billing;

import java.util.List;

/** The caller's balance and a page of their ledger, newest first. */
public record CreditsView(
    int credits, List<CreditTransactionView> transactions, String nextCursor) {}
