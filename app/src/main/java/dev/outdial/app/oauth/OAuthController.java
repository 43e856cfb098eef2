package dev.outdial.app.oauth;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.user.AuthResponse;
import dev.outdial.app.user.IdentityProvider;
import dev.outdial.app.user.ProviderAccounts;
import dev.outdial.app.user.UserView;
import dev.outdial.app.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provider sign-in for API clients: the providers offered, a provider's code exchanged for the
 * usual bearer token, and a provider connected to the caller's account.
 */
@RestController
@RequestMapping("/api/auth/providers")
class OAuthController {

  private final ConfiguredProviders providers;
  private final CodeExchange codes;
  private final ProviderAccounts accounts;

  OAuthController(ConfiguredProviders providers, CodeExchange codes, ProviderAccounts accounts) {
    this.providers = providers;
    this.codes = codes;
    this.accounts = accounts;
  }

  /** The providers configured here; empty when none is. */
  @GetMapping
  List<ProviderView> offered() {
    return providers.offered().stream()
        .map(
            provider -> {
              var registration = providers.registration(provider).orElseThrow();
              return new ProviderView(
                  provider.id(),
                  provider.displayName(),
                  registration.getProviderDetails().getAuthorizationUri(),
                  registration.getClientId(),
                  registration.getScopes());
            })
        .toList();
  }

  /**
   * Signs in with a provider's code: the account it opens, made on a first sign-in, and a bearer
   * token for it.
   */
  @PostMapping("/{provider}/token")
  AuthResponse signIn(
      @PathVariable("provider") String provider,
      @Valid @RequestBody CodeRequest code,
      HttpServletRequest http) {
    var identity = codes.redeem(offered(provider), code);
    return accounts.tokenFor(accounts.signIn(identity, http.getRemoteAddr()));
  }

  /** Lets the caller's account sign in with the provider account that this code belongs to. */
  @PostMapping("/{provider}/link")
  UserView link(
      @PathVariable("provider") String provider,
      @Valid @RequestBody CodeRequest code,
      @AuthenticationPrincipal CurrentUser caller) {
    return accounts.link(caller, codes.redeem(offered(provider), code));
  }

  private static IdentityProvider offered(String provider) {
    return IdentityProvider.byId(provider)
        .orElseThrow(() -> ApiException.notFound("Sign-in with " + provider));
  }
}
