package dev.outdial.app.user;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The identity providers an account may sign in with, by their {@code users.auth_provider} value,
 * which is also their registration id in the sign-in paths ({@code /oauth2/authorization/google}).
 */
public enum IdentityProvider {
  GOOGLE("Google"),
  GITHUB("GitHub"),
  LINKEDIN("LinkedIn");

  private final String displayName;

  IdentityProvider(String displayName) {
    this.displayName = displayName;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String displayName() {
    return displayName;
  }

  public static Optional<IdentityProvider> byId(String id) {
    return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
  }
}
