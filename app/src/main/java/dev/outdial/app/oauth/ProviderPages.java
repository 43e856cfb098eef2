package dev.outdial.app.oauth;

import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.user.IdentityProvider;
import dev.outdial.app.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** "Connect" on the console's profile page. */
@ConsoleController
class ProviderPages {

  private final ConfiguredProviders providers;
  private final ConsoleProviderSignIn signIns;

  ProviderPages(ConfiguredProviders providers, ConsoleProviderSignIn signIns) {
    this.providers = providers;
    this.signIns = signIns;
  }

  /** Sends a signed-in account to the provider, to come back connected to it. */
  @PostMapping("/profile/connect/{provider}")
  String connect(
      @PathVariable("provider") String provider,
      @AuthenticationPrincipal CurrentUser caller,
      HttpServletRequest request) {
    IdentityProvider offered =
        IdentityProvider.byId(provider)
            .filter(p -> providers.registration(p).isPresent())
            .orElseThrow(() -> ApiException.notFound("Sign-in with " + provider));
    signIns.startConnecting(request.getSession(), caller, offered);
    return "redirect:/oauth2/authorization/" + offered.id();
  }
}
