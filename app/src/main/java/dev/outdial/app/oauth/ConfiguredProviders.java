package dev.outdial.app.oauth;

import dev.outdial.app.user.IdentityProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.config.oauth2.client.CommonOAuth2Provider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;

/** The identity providers that have settings, as Spring Security's client registrations. */
@Component
public class ConfiguredProviders implements ClientRegistrationRepository {

  private static final Logger log = LoggerFactory.getLogger(ConfiguredProviders.class);
  private static final String CALLBACK_PATH = "/login/oauth2/code/{registrationId}";

  private final Map<IdentityProvider, ClientRegistration> registrations =
      new EnumMap<>(IdentityProvider.class);
  private final String githubApi;

  /**
   * @param publicUrl {@code OUTDIAL_PUBLIC_URL}: the providers send people back there; empty for
   *     the address each request came to
   */
  ConfiguredProviders(OAuthSettings settings, @Value("${outdial.public-url:}") String publicUrl) {
    String redirectUri =
        (publicUrl == null || publicUrl.isBlank() ? "{baseUrl}" : publicUrl.replaceAll("/+$", ""))
            + CALLBACK_PATH;
    add(IdentityProvider.GOOGLE, settings.google(), redirectUri);
    add(IdentityProvider.GITHUB, settings.github(), redirectUri);
    add(IdentityProvider.LINKEDIN, settings.linkedin(), redirectUri);
    githubApi = settings.github().apiUriOr("https://api.github.com");
    if (registrations.isEmpty()) {
      log.info(
          "Sign-in with Google, GitHub or LinkedIn is off: set OUTDIAL_OAUTH_<PROVIDER>_CLIENT_ID"
              + " and _CLIENT_SECRET to offer one");
    } else {
      log.info("Sign-in offered with {}", registrations.keySet());
    }
  }

  private void add(IdentityProvider provider, OAuthSettings.Provider settings, String redirectUri) {
    if (settings.configured()) {
      registrations.put(provider, registration(provider, settings, redirectUri));
    }
  }

  private static ClientRegistration registration(
      IdentityProvider provider, OAuthSettings.Provider settings, String redirectUri) {
    ClientRegistration.Builder builder =
        switch (provider) {
          case GOOGLE ->
              settings.discovers()
                  ? discovered(settings).scope("openid", "profile", "email")
                  : CommonOAuth2Provider.GOOGLE.getBuilder(provider.id());
          case LINKEDIN ->
              (settings.discovers() ? discovered(settings) : linkedIn())
                  .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                  .scope("openid", "profile", "email");
          case GITHUB -> {
            String web = settings.baseUriOr("https://github.com");
            String api = settings.apiUriOr("https://api.github.com");
            yield CommonOAuth2Provider.GITHUB
                .getBuilder(provider.id())
                .authorizationUri(web + "/login/oauth/authorize")
                .tokenUri(web + "/login/oauth/access_token")
                .userInfoUri(api + "/user")
                // The addresses come from /user/emails, which needs this scope.
                .scope("read:user", "user:email");
          }
        };
    return builder
        .registrationId(provider.id())
        .clientName(provider.displayName())
        .clientId(settings.clientId())
        .clientSecret(settings.clientSecret())
        .redirectUri(redirectUri)
        .build();
  }

  private static ClientRegistration.Builder discovered(OAuthSettings.Provider settings) {
    log.info("Reading the OpenID Connect discovery document of {}", settings.issuerUri());
    return ClientRegistrations.fromIssuerLocation(settings.issuerUri())
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .userNameAttributeName("sub");
  }

  /** LinkedIn's "Sign In with LinkedIn using OpenID Connect". */
  private static ClientRegistration.Builder linkedIn() {
    return ClientRegistration.withRegistrationId(IdentityProvider.LINKEDIN.id())
        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
        .authorizationUri("https://www.linkedin.com/oauth/v2/authorization")
        .tokenUri("https://www.linkedin.com/oauth/v2/accessToken")
        .jwkSetUri("https://www.linkedin.com/oauth/openid/jwks")
        .userInfoUri("https://api.linkedin.com/v2/userinfo")
        .issuerUri("https://www.linkedin.com/oauth")
        .userNameAttributeName("sub");
  }

  @Override
  public ClientRegistration findByRegistrationId(String registrationId) {
    return IdentityProvider.byId(registrationId).map(registrations::get).orElse(null);
  }

  public Optional<ClientRegistration> registration(IdentityProvider provider) {
    return Optional.ofNullable(registrations.get(provider));
  }

  /** The providers a person may sign in with here, in a fixed order. */
  public List<IdentityProvider> offered() {
    return new ArrayList<>(registrations.keySet());
  }

  /** The origins of the configured providers' sign-in pages, each once, in a fixed order. */
  public List<String> signInOrigins() {
    return registrations.values().stream()
        .map(registration -> URI.create(registration.getProviderDetails().getAuthorizationUri()))
        .map(uri -> uri.getScheme() + "://" + uri.getRawAuthority())
        .distinct()
        .toList();
  }

  /** Where GitHub's API is, for the addresses of a GitHub account. */
  String githubApi() {
    return githubApi;
  }
}
