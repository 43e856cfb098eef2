package dev.outdial.app.oauth;

import dev.outdial.app.user.IdentityProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * What a person is told when a sign-in with a provider did not complete. The provider's own wording
 * and the protocol's error codes go to the log; the page says, in plain words, what happened and
 * what to do.
 */
final class FailedSignIns {

  private FailedSignIns() {}

  /**
   * @param provider the provider whose sign-in failed, when the callback named it
   */
  static String explain(AuthenticationException failure, IdentityProvider provider) {
    String name = provider == null ? "the provider" : provider.displayName();
    String code =
        failure instanceof OAuth2AuthenticationException oauth
            ? oauth.getError().getErrorCode()
            : "";
    return switch (code) {
      case "access_denied" ->
          "The sign-in was cancelled at "
              + name
              + ", so nothing changed. Sign in again whenever you are ready.";
      case "temporarily_unavailable", "server_error" ->
          capitalized(name) + " could not complete the sign-in just now. Try again in a moment.";
      case "authorization_request_not_found", "invalid_state_parameter" ->
          "The sign-in expired or was started in another window. Start it again from this page.";
      default ->
          "The sign-in with "
              + name
              + " did not complete, so you were not signed in. Try again in a moment.";
    };
  }

  /**
   * True when the person declined at the provider: nothing went wrong, so the page says it as a
   * notice, not as a problem.
   */
  static boolean cancelledByThePerson(AuthenticationException failure) {
    return failure instanceof OAuth2AuthenticationException oauth
        && "access_denied".equals(oauth.getError().getErrorCode());
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }
}
