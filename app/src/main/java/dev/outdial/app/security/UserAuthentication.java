package dev.outdial.app.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** An authenticated request: the caller's current row and the token it came with. */
public class UserAuthentication extends AbstractAuthenticationToken {

  private final CurrentUser user;
  private final Jwt token;

  public UserAuthentication(CurrentUser user, Jwt token) {
    super(List.of(new SimpleGrantedAuthority(user.role().authority())));
    this.user = user;
    this.token = token;
    setAuthenticated(true);
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
