package dev.outdial.app.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * An authenticated request: the caller's current row and the token it came with (none for a console
 * session).
 */
public class UserAuthentication extends AbstractAuthenticationToken {

  private final CurrentUser user;
  private final transient Jwt token;

  public UserAuthentication(CurrentUser user, Jwt token) {
    super(List.of(new SimpleGrantedAuthority(user.role().authority())));
    this.user = user;
    this.token = token;
    setAuthenticated(true);
  }

  /** A console session's caller, signed in with a password rather than a token. */
  public UserAuthentication(CurrentUser user) {
    this(user, null);
  }

  public CurrentUser user() {
    return user;
  }

  @Override
  public Object getCredentials() {
    return token;
  }

  @Override
  public CurrentUser getPrincipal() {
    return user;
  }

  @Override
  public String getName() {
    return user.id().toString();
  }
}
