package dev.outdial.app.user;

import java.util.UUID;

/** An address verified by its link. */
public record EmailVerifiedView(UUID userId, String email, boolean emailVerified) {}
