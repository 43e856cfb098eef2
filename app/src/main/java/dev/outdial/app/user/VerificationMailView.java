package dev.outdial.app.user;

import java.time.Instant;

/** A verification mail put in the outbox: the address and when. */
public record VerificationMailView(String email, Instant emailVerificationSentAt) {}
