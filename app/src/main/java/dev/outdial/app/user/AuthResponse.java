package dev.outdial.app.user;

import java.time.Instant;

/** A bearer token for the user, when it expires, and the user. */
public record AuthResponse(String token, Instant expiresAt, UserView user) {}
