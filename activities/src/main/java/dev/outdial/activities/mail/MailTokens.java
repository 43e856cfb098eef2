package dev.outdial.activities.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The only writer of {@code mail_tokens}: the secrets in the links we mail. A token is 32 random
 * bytes; only its SHA-256 is stored. {@link #redeem} marks it used in the same statement that
 * checks it, so of two concurrent redemptions one wins, and a token works only once, only before it
 * expires, and only for the user and purpose it was made for.
 */
@Component
public class MailTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  public MailTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Makes a token for the user, sent to {@code email}; returns the token itself (for the link). */
  public String issue(UUID userId, String purpose, String email, Instant now, Duration ttl) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    jdbc.sql(
            """
            INSERT INTO mail_tokens (user_id, purpose, token_hash, email, created_at, expires_at)
            VALUES (:userId, :purpose, :hash, :email, :now, :expiresAt)
            """)
        .param("userId", userId)
        .param("purpose", purpose)
        .param("hash", hash(token))
        .param("email", email)
        .param("now", Timestamp.from(now))
        .param("expiresAt", Timestamp.from(now.plus(ttl)))
        .update();
    return token;
  }

  /**
   * Uses the token: the address it was sent to when it is the user's, for this purpose, unused and
   * not expired at {@code now}; empty otherwise (and nothing changes).
   */
  public Optional<String> redeem(UUID userId, String purpose, String token, Instant now) {
    if (token == null || token.isBlank() || token.length() > 200) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            UPDATE mail_tokens SET used_at = :now
            WHERE token_hash = :hash AND user_id = :userId AND purpose = :purpose
              AND used_at IS NULL AND expires_at > :now
            RETURNING email
            """)
        .param("hash", hash(token))
        .param("userId", userId)
        .param("purpose", purpose)
        .param("now", Timestamp.from(now))
        .query(String.class)
        .optional();
  }

  /** Ends every unused token of the user for this purpose, e.g. once the password was reset. */
  public int revokeAll(UUID userId, String purpose, Instant now) {
    return jdbc.sql(
            """
            UPDATE mail_tokens SET used_at = :now
            WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL
            """)
        .param("userId", userId)
        .param("purpose", purpose)
        .param("now", Timestamp.from(now))
        .update();
  }

  /** Deletes tokens that expired before {@code cutoff}, used or not; returns how many went. */
  public int forgetExpiredBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM mail_tokens WHERE expires_at < :cutoff")
        .param("cutoff", Timestamp.from(cutoff))
        .update();
  }

  /** When the user's latest token for this purpose was made, if ever. */
  public Optional<Instant> lastIssued(UUID userId, String purpose) {
    return jdbc.sql(
            """
            SELECT created_at FROM mail_tokens WHERE user_id = :userId AND purpose = :purpose
            ORDER BY created_at DESC LIMIT 1
            """)
        .param("userId", userId)
        .param("purpose", purpose)
        .query(Instant.class)
        .optional();
  }

  private static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
