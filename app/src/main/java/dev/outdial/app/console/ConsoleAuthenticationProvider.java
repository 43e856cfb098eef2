package dev.outdial.app.console;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.security.Role;
import dev.outdial.app.security.UserAuthentication;
import dev.outdial.app.user.LoginRequest;
import dev.outdial.app.user.UserService;
import dev.outdial.app.user.UserView;
import dev.outdial.app.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/** Signs a console user in with the same accounts and checks as {@code POST /api/auth/login}. */
@Component
class ConsoleAuthenticationProvider implements AuthenticationProvider {

  private final UserService users;

  ConsoleAuthenticationProvider(UserService users) {
    this.users = users;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String email = String.valueOf(authentication.getPrincipal());
    String password = String.valueOf(authentication.getCredentials());
    if (email.isBlank() || password.isBlank()) {
      throw new BadCredentialsException("Enter your email and your password");
    }
    String address =
        authentication.getDetails() instanceof WebAuthenticationDetails details
            ? details.getRemoteAddress()
            : "unknown";
    try {
      return signedIn(users.authenticate(new LoginRequest(email, password), address));
    } catch (ApiException e) {
      if (e.status() == HttpStatus.FORBIDDEN) {
        throw new DisabledException(e.getMessage());
      }
      if (e.retryAfterSeconds().isPresent()) {
        throw new TooManySignInsException(e.getMessage(), e.retryAfterSeconds().getAsLong());
      }
      throw new BadCredentialsException(e.getMessage());
    }
  }

  /** A sign-in refused for coming too often, with the seconds to wait. */
  static class TooManySignInsException extends AuthenticationException {
    private final long retryAfterSeconds;

    TooManySignInsException(String message, long retryAfterSeconds) {
      super(message);
      this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  static UserAuthentication signedIn(UserView user) {
    return new UserAuthentication(
        new CurrentUser(user.id(), user.email(), Role.fromDb(user.role())));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
