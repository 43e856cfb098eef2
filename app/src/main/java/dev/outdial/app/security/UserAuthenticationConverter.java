package dev.outdial.app.security;

import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Loads the caller's row for a valid token, so that a deactivated user or a changed role takes
 * effect at the next request, not when the token expires.
 */
@Component
class UserAuthenticationConverter implements Converter<Jwt, UserAuthentication> {

  private final JdbcClient jdbc;

  UserAuthenticationConverter(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public UserAuthentication convert(Jwt jwt) {
    UUID id;
    try {
      id = UUID.fromString(jwt.getSubject());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidBearerTokenException("The token names no user");
    }
    record Row(UUID id, String email, String role, boolean isActive) {}
    Row row =
        jdbc.sql("SELECT id, email, role, is_active FROM users WHERE id = :id")
            .param("id", id)
            .query(Row.class)
            .optional()
            .orElseThrow(
                () -> new InvalidBearerTokenException("The token's user no longer exists"));
    if (!row.isActive()) {
      throw new InvalidBearerTokenException("The account is deactivated");
    }
    return new UserAuthentication(
        new CurrentUser(row.id(), row.email(), Role.fromDb(row.role())), jwt);
  }
}
