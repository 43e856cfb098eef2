package dev.outdial.app.oauth;

import dev.outdial.app.user.IdentityProvider;
import dev.outdial.app.user.ProviderIdentity;
import dev.outdial.app.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationProvider;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.stereotype.Component;

/**
 * An API client's sign-in: it sent the person to the provider itself, with our client id and a
 * redirect address registered there, and hands us the code that came back. We redeem the code with
 * our client secret and check it exactly as the console's sign-in does (the ID token's signature,
 * issuer, audience and expiry; GitHub's user and addresses).
 */
@Component
public class CodeExchange {

  /** The state is the client's to check; the exchange itself needs one on both sides. */
  private static final String STATE = "api";

  private final ConfiguredProviders providers;
  private final AuthenticationProvider openIdConnect;
  private final AuthenticationProvider plainOAuth;

  CodeExchange(ConfiguredProviders providers, GitHubUsers gitHubUsers) {
    this.providers = providers;
    var tokens = new RestClientAuthorizationCodeTokenResponseClient();
    this.openIdConnect =
        new OidcAuthorizationCodeAuthenticationProvider(tokens, new OidcUserService());
    this.plainOAuth = new OAuth2LoginAuthenticationProvider(tokens, gitHubUsers);
  }

  /**
   * What checks a provider's code, for the console's sign-in too: OpenID Connect's (Google,
   * LinkedIn) and plain OAuth 2's (GitHub); each passes on the other's registrations.
   */
  public List<AuthenticationProvider> authenticationProviders() {
    return List.of(openIdConnect, plainOAuth);
  }

  /** Who the code signs in: 404 for a provider not offered here, 400 when the code is refused. */
  ProviderIdentity redeem(IdentityProvider provider, CodeRequest code) {
    ClientRegistration registration =
        providers
            .registration(provider)
            .orElseThrow(() -> ApiException.notFound("Sign-in with " + provider.displayName()));
    Map<String, Object> attributes =
        code.codeVerifier() == null || code.codeVerifier().isBlank()
            ? Map.of()
            : Map.of(PkceParameterNames.CODE_VERIFIER, code.codeVerifier());
    OAuth2AuthorizationRequest asked =
        OAuth2AuthorizationRequest.authorizationCode()
            .authorizationUri(registration.getProviderDetails().getAuthorizationUri())
            .clientId(registration.getClientId())
            .redirectUri(code.redirectUri())
            .scopes(registration.getScopes())
            .state(STATE)
            .attributes(attributes)
            .build();
    OAuth2AuthorizationResponse answered =
        OAuth2AuthorizationResponse.success(code.code())
            .redirectUri(code.redirectUri())
            .state(STATE)
            .build();
    var exchange =
        new OAuth2LoginAuthenticationToken(
            registration, new OAuth2AuthorizationExchange(asked, answered));
    boolean openId = registration.getScopes().contains(OidcScopes.OPENID);
    try {
      var signedIn =
          (OAuth2LoginAuthenticationToken)
              (openId ? openIdConnect : plainOAuth).authenticate(exchange);
      return ProviderIdentities.of(provider, signedIn.getPrincipal());
    } catch (OAuth2AuthenticationException refused) {
      String reason =
          refused.getError().getDescription() != null
              ? refused.getError().getDescription()
              : refused.getError().getErrorCode();
      throw new ApiException(
          HttpStatus.BAD_REQUEST,
          "Sign-in refused",
          provider.displayName() + " did not accept the sign-in: " + reason);
    }
  }
}
