package dev.outdial.app.security;

import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Loads the caller's row for a valid token, so that a deactivated user or a changed role takes
 * effect at the next request, not when the token expires.
 */
@Component
class UserAuthenticationConverter implements Converter<Jwt, UserAuthentication> {

  private final CurrentUsers users;

  UserAuthenticationConverter(CurrentUsers users) {
    this.users = users;
  }

  @Override
  public UserAuthentication convert(Jwt jwt) {
    UUID id;
    try {
      id = UUID.fromString(jwt.getSubject());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidBearerTokenException("The token names no user");
    }
    CurrentUsers.Loaded loaded =
        users
            .load(id)
            .orElseThrow(
                () -> new InvalidBearerTokenException("The token's user no longer exists"));
    if (!loaded.active()) {
      throw new InvalidBearerTokenException("The account is deactivated");
    }
    return new UserAuthentication(loaded.user(), jwt);
  }
}
