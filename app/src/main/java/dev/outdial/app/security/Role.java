package dev.outdial.app.security;

import java.util.Locale;

/** The roles of {@code users.role}. */
public enum Role {
  USER,
  ADMIN,
  SUPER_ADMIN;

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String authority() {
    return "ROLE_" + name();
  }

  public static Role fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  public boolean isAdmin() {
    return this != USER;
  }
}
