package dev.outdial.app.user;

import java.time.Instant;
import java.util.UUID;

/** A user row as the API shows it; never the password hash. */
public record UserView(
    UUID id,
    String email,
    String name,
    int credits,
    boolean isActive,
    String role,
    String authProvider,
    boolean emailVerified,
    Instant emailVerificationSentAt,
    String company,
    String website,
    String location,
    String bio,
    String phone,
    int concurrentCallsLimit,
    Instant createdAt,
    Instant updatedAt) {}
