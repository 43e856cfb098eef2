package dev.outdial.app.oauth;

import dev.outdial.app.user.IdentityProvider;
import dev.outdial.app.user.ProviderIdentity;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;

/** Who a provider signed in, in the terms accounts are kept in. */
final class ProviderIdentities {

  private ProviderIdentities() {}

  static ProviderIdentity of(IdentityProvider provider, OAuth2User user) {
    if (user instanceof OidcUser oidc) {
      return new ProviderIdentity(
          provider,
          oidc.getSubject(),
          oidc.getEmail(),
          Boolean.TRUE.equals(oidc.getEmailVerified()),
          firstPresent(oidc.getFullName(), joined(oidc.getGivenName(), oidc.getFamilyName())));
    }
    // GitHub: a numeric id that never changes, unlike the login.
    Object id = user.getAttribute("id");
    String email = user.getAttribute(GitHubUsers.VERIFIED_PRIMARY_EMAIL);
    return new ProviderIdentity(
        provider,
        String.valueOf(id),
        email,
        email != null,
        firstPresent(user.getAttribute("name"), user.getAttribute("login")));
  }

  private static String firstPresent(String first, String second) {
    return first != null && !first.isBlank() ? first : second;
  }

  private static String joined(String given, String family) {
    String name = ((given == null ? "" : given) + " " + (family == null ? "" : family)).strip();
    return name.isEmpty() ? null : name;
  }
}
