package dev.outdial.app.user;

import dev.outdial.app.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lets an operator make the first super_admin: with {@code OUTDIAL_BOOTSTRAP_SUPER_ADMIN_EMAIL}
 * (and {@code _PASSWORD} for a new account) set, and no active super_admin yet, the account is
 * created, or promoted if it exists, with its address verified. Once a super_admin exists the
 * settings do nothing, so they can stay in place.
 */
@Component
class SuperAdminBootstrap implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(SuperAdminBootstrap.class);

  private final Settings settings;
  private final UserService users;
  private final JdbcClient jdbc;

  SuperAdminBootstrap(Settings settings, UserService users, JdbcClient jdbc) {
    this.settings = settings;
    this.users = users;
    this.jdbc = jdbc;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (settings.email().isBlank()) {
      return;
    }
    int superAdmins =
        jdbc.sql("SELECT count(*) FROM users WHERE role = 'super_admin' AND is_active")
            .query(Integer.class)
            .single();
    if (superAdmins > 0) {
      log.info("A super_admin exists already; OUTDIAL_BOOTSTRAP_SUPER_ADMIN_* is ignored");
      return;
    }
    String email = UserService.normalizeEmail(settings.email());
    int promoted =
        jdbc.sql(
                "UPDATE users SET role = 'super_admin', is_active = true, email_verified = true,"
                    + " updated_at = now() WHERE email = :email")
            .param("email", email)
            .update();
    if (promoted == 1) {
      log.warn("Promoted the existing account {} to super_admin", email);
      return;
    }
    if (settings.password().length() < 8) {
      throw new IllegalStateException(
          "OUTDIAL_BOOTSTRAP_SUPER_ADMIN_PASSWORD (8 characters or more) is needed to create the"
              + " first super_admin "
              + email);
    }
    var admin = users.createUser(email, settings.name(), settings.password(), Role.SUPER_ADMIN);
    // The operator named this address: it counts as verified, without a mail.
    jdbc.sql("UPDATE users SET email_verified = true WHERE id = :id")
        .param("id", admin.id())
        .update();
    log.warn("Created the first super_admin {}", email);
  }

  @ConfigurationProperties("outdial.bootstrap.super-admin")
  record Settings(
      @DefaultValue("") String email,
      @DefaultValue("") String password,
      @DefaultValue("Administrator") String name) {}
}
