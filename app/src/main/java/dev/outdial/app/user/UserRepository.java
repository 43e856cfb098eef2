package dev.outdial.app.user;

import dev.outdial.app.web.SearchPatterns;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code users} rows, except credits, which only the ledger changes. */
@Repository
public class UserRepository {

  static final String VIEW_COLUMNS =
      """
      id, email, name, credits, is_active, role, auth_provider, email_verified,
      email_verification_sent_at, company, website, location, bio, phone, concurrent_calls_limit,
      created_at, updated_at
      """;

  private final JdbcClient jdbc;

  public UserRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts a user with zero credits; the welcome credits are the ledger's to add. */
  public UUID insert(String email, String name, String passwordHash, String role) {
    return jdbc.sql(
            """
            INSERT INTO users (email, name, password_hash, credits, role)
            VALUES (:email, :name, :passwordHash, 0, :role)
            RETURNING id
            """)
        .param("email", email)
        .param("name", name)
        .param("passwordHash", passwordHash)
        .param("role", role)
        .query(UUID.class)
        .single();
  }

  /**
   * Inserts a user who signs in with an identity provider: no password, the provider's subject, and
   * the address verified when the provider says it is.
   */
  public UUID insertFromProvider(
      String email,
      String name,
      String role,
      String authProvider,
      String subject,
      boolean emailVerified) {
    return jdbc.sql(
            """
            INSERT INTO users (email, name, credits, role, auth_provider, stack_auth_user_id,
                               email_verified)
            VALUES (:email, :name, 0, :role, :authProvider, :subject, :emailVerified)
            RETURNING id
            """)
        .param("email", email)
        .param("name", name)
        .param("role", role)
        .param("authProvider", authProvider)
        .param("subject", subject)
        .param("emailVerified", emailVerified)
        .query(UUID.class)
        .single();
  }

  /** The account that signs in with this provider's subject. */
  public Optional<ProviderAccount> findByProviderSubject(String authProvider, String subject) {
    return jdbc.sql(
            """
            SELECT id, email, auth_provider, stack_auth_user_id, is_active FROM users
            WHERE auth_provider = :authProvider AND stack_auth_user_id = :subject
            """)
        .param("authProvider", authProvider)
        .param("subject", subject)
        .query(ProviderAccount.class)
        .optional();
  }

  /** How an account signs in, with its row locked while a provider is linked to it. */
  public Optional<ProviderAccount> lockProviderAccount(UUID id) {
    return jdbc.sql(
            """
            SELECT id, email, auth_provider, stack_auth_user_id, is_active FROM users
            WHERE id = :id FOR NO KEY UPDATE
            """)
        .param("id", id)
        .query(ProviderAccount.class)
        .optional();
  }

  /**
   * Lets an account sign in with a provider's subject as well as its password; a provider that
   * vouches for the account's own address verifies it.
   */
  public void linkProvider(UUID id, String authProvider, String subject, boolean verifiesEmail) {
    jdbc.sql(
            """
            UPDATE users SET auth_provider = :authProvider, stack_auth_user_id = :subject,
              email_verified = email_verified OR :verifiesEmail, updated_at = now()
            WHERE id = :id
            """)
        .param("id", id)
        .param("authProvider", authProvider)
        .param("subject", subject)
        .param("verifiesEmail", verifiesEmail)
        .update();
  }

  /** Whether a subject is taken, by any provider: the column is unique across them. */
  public boolean subjectTaken(String subject) {
    return jdbc.sql("SELECT count(*) FROM users WHERE stack_auth_user_id = :subject")
            .param("subject", subject)
            .query(Integer.class)
            .single()
        > 0;
  }

  public Optional<UserView> findById(UUID id) {
    return jdbc.sql("SELECT " + VIEW_COLUMNS + " FROM users WHERE id = :id")
        .param("id", id)
        .query(UserView.class)
        .optional();
  }

  public Optional<Credentials> findCredentials(String email) {
    return jdbc.sql(
            "SELECT id, email, password_hash, role, is_active FROM users WHERE email = :email")
        .param("email", email)
        .query(Credentials.class)
        .optional();
  }

  public boolean emailExists(String email) {
    return jdbc.sql("SELECT count(*) FROM users WHERE email = :email")
            .param("email", email)
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Sets the profile fields that are present in the patch; returns false if no such user. */
  public boolean updateProfile(UUID id, ProfilePatch patch) {
    return jdbc.sql(
                """
                UPDATE users SET
                  name = COALESCE(:name, name),
                  company = CASE WHEN :setCompany THEN :company ELSE company END,
                  website = CASE WHEN :setWebsite THEN :website ELSE website END,
                  location = CASE WHEN :setLocation THEN :location ELSE location END,
                  bio = CASE WHEN :setBio THEN :bio ELSE bio END,
                  phone = CASE WHEN :setPhone THEN :phone ELSE phone END,
                  updated_at = now()
                WHERE id = :id
                """)
            .param("id", id)
            .param("name", patch.name())
            .param("setCompany", patch.company() != null)
            .param("company", blankToNull(patch.company()))
            .param("setWebsite", patch.website() != null)
            .param("website", blankToNull(patch.website()))
            .param("setLocation", patch.location() != null)
            .param("location", blankToNull(patch.location()))
            .param("setBio", patch.bio() != null)
            .param("bio", blankToNull(patch.bio()))
            .param("setPhone", patch.phone() != null)
            .param("phone", blankToNull(patch.phone()))
            .update()
        == 1;
  }

  /**
   * Users newest first; with {@code search}, only those whose email or name contains it (any case).
   */
  public List<UserView> findPage(
      String search, java.time.Instant afterCreatedAt, UUID afterId, int size) {
    return jdbc.sql(
            "SELECT "
                + VIEW_COLUMNS
                + """
                FROM users
                WHERE (CAST(:search AS text) IS NULL
                       OR email ILIKE :pattern ESCAPE '\\' OR name ILIKE :pattern ESCAPE '\\')
                  AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
                       OR (created_at, id) < (CAST(:afterCreatedAt AS timestamptz), :afterId))
                ORDER BY created_at DESC, id DESC
                LIMIT :size
                """)
        .param("search", blankToNull(search))
        .param("pattern", SearchPatterns.containing(search))
        .param(
            "afterCreatedAt",
            afterCreatedAt == null ? null : java.sql.Timestamp.from(afterCreatedAt))
        .param("afterId", afterId)
        .param("size", size)
        .query(UserView.class)
        .list();
  }

  /** What mailing an account needs, with the row locked so two requests cannot both mail. */
  public Optional<MailState> lockForMail(UUID id) {
    return jdbc.sql(
            """
            SELECT id, email, name, is_active, email_verified, email_verification_sent_at
            FROM users WHERE id = :id FOR NO KEY UPDATE
            """)
        .param("id", id)
        .query(MailState.class)
        .optional();
  }

  public void markVerificationSent(UUID id, java.time.Instant at) {
    jdbc.sql("UPDATE users SET email_verification_sent_at = :at WHERE id = :id")
        .param("id", id)
        .param("at", java.sql.Timestamp.from(at))
        .update();
  }

  /** Marks the address verified, if it is still the account's; false otherwise. */
  public boolean markVerified(UUID id, String email) {
    return jdbc.sql(
                """
                UPDATE users SET email_verified = true, updated_at = now()
                WHERE id = :id AND email = :email
                """)
            .param("id", id)
            .param("email", email)
            .update()
        == 1;
  }

  /**
   * Sets a new password hash for an account whose address is still {@code email}; the link that
   * allowed it came to that address, so it is verified too.
   */
  public boolean resetPassword(UUID id, String email, String passwordHash) {
    return jdbc.sql(
                """
                UPDATE users SET password_hash = :passwordHash, email_verified = true,
                  updated_at = now()
                WHERE id = :id AND email = :email
                """)
            .param("id", id)
            .param("email", email)
            .param("passwordHash", passwordHash)
            .update()
        == 1;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** What mailing a user needs. */
  public record MailState(
      UUID id,
      String email,
      String name,
      boolean isActive,
      boolean emailVerified,
      java.time.Instant emailVerificationSentAt) {}

  /** How an account signs in with an identity provider. */
  public record ProviderAccount(
      UUID id, String email, String authProvider, String stackAuthUserId, boolean isActive) {}

  /** What login needs of a user. */
  public record Credentials(
      UUID id, String email, String passwordHash, String role, boolean isActive) {}
}
