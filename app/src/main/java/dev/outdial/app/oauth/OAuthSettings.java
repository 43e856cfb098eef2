package dev.outdial.app.oauth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity providers' settings ({@code OUTDIAL_OAUTH_GOOGLE_CLIENT_ID}, ...). A provider
 * without a client id and secret is not offered.
 */
@ConfigurationProperties("outdial.oauth")
public record OAuthSettings(
    @DefaultValue Provider google, @DefaultValue Provider github, @DefaultValue Provider linkedin) {

  /**
   * @param issuerUri an OpenID Connect issuer whose discovery document gives the endpoints, read at
   *     start; empty for the provider's public endpoints (Google and LinkedIn only)
   * @param baseUri where GitHub's sign-in pages are; empty for https://github.com
   * @param apiUri where GitHub's API is; empty for https://api.github.com
   */
  public record Provider(
      String clientId, String clientSecret, String issuerUri, String baseUri, String apiUri) {

    boolean configured() {
      return clientId != null
          && !clientId.isBlank()
          && clientSecret != null
          && !clientSecret.isBlank();
    }

    boolean discovers() {
      return issuerUri != null && !issuerUri.isBlank();
    }

    String baseUriOr(String fallback) {
      return baseUri == null || baseUri.isBlank() ? fallback : stripSlash(baseUri);
    }

    String apiUriOr(String fallback) {
      return apiUri == null || apiUri.isBlank() ? fallback : stripSlash(apiUri);
    }

    private static String stripSlash(String uri) {
      return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }
  }
}
