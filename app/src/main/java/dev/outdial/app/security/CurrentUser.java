package dev.outdial.app.security;

import java.io.Serializable;
import java.util.UUID;

/** The authenticated caller, as loaded from the database on each request. */
public record CurrentUser(UUID id, String email, Role role) implements Serializable {}
