package dev.outdial.app.security;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads a caller's row on every request, for tokens and console sessions alike, so a deactivated
 * user or a changed role takes effect at the next request.
 */
@Component
public class CurrentUsers {

  /** A caller's row: who they are now, and whether they may still sign in. */
  public record Loaded(CurrentUser user, boolean active) {}

  private final JdbcClient jdbc;

  CurrentUsers(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Loaded> load(UUID id) {
    record Row(UUID id, String email, String role, boolean isActive) {}
    return jdbc.sql("SELECT id, email, role, is_active FROM users WHERE id = :id")
        .param("id", id)
        .query(Row.class)
        .optional()
        .map(
            row ->
                new Loaded(
                    new CurrentUser(row.id(), row.email(), Role.fromDb(row.role())),
                    row.isActive()));
  }
}
