package dev.outdial.app.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.user.IdentityProvider;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

class FailedSignInsTest {

  private static OAuth2AuthenticationException providerSaid(String code, String description) {
    return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
  }

  @Test
  void aSignInDeclinedAtTheProviderIsCalledCancelledNotAnError() {
    String told =
        FailedSignIns.explain(
            providerSaid("access_denied", "The user has denied your application access."),
            IdentityProvider.GITHUB);

    assertThat(told)
        .isEqualTo(
            "The sign-in was cancelled at GitHub, so nothing changed. Sign in again whenever you"
                + " are ready.")
        .doesNotContain("denied your application");
    assertThat(
            FailedSignIns.cancelledByThePerson(
                providerSaid("access_denied", "The user has denied your application access.")))
        .isTrue();
    assertThat(FailedSignIns.cancelledByThePerson(providerSaid("server_error", null))).isFalse();
    assertThat(FailedSignIns.cancelledByThePerson(new BadCredentialsException("no"))).isFalse();
  }

  @Test
  void aProviderThatIsDownIsNamedAndTheAdviceIsToWait() {
    assertThat(
            FailedSignIns.explain(
                providerSaid("temporarily_unavailable", null), IdentityProvider.GOOGLE))
        .isEqualTo("Google could not complete the sign-in just now. Try again in a moment.");
    assertThat(FailedSignIns.explain(providerSaid("server_error", "boom"), null))
        .startsWith("The provider could not complete the sign-in just now.");
  }

  @Test
  void aSignInThatOutlivedItsSessionIsToBeStartedAgain() {
    assertThat(
            FailedSignIns.explain(
                providerSaid("authorization_request_not_found", null), IdentityProvider.LINKEDIN))
        .isEqualTo(
            "The sign-in expired or was started in another window. Start it again from this"
                + " page.");
  }

  @Test
  void anythingElseSaysThePersonIsNotSignedInWithoutTheTechnicalReason() {
    String told =
        FailedSignIns.explain(
            providerSaid("invalid_token_response", "An error occurred reading the OAuth 2.0"),
            IdentityProvider.GITHUB);
    assertThat(told)
        .isEqualTo(
            "The sign-in with GitHub did not complete, so you were not signed in. Try again in a"
                + " moment.");
    assertThat(FailedSignIns.explain(new BadCredentialsException("x"), null))
        .contains("with the provider did not complete");
  }
}
