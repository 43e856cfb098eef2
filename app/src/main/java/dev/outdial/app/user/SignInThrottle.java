package dev.outdial.app.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts sign-in and sign-up attempts per client address and per account in Postgres, in fixed
 * windows, so every node refuses the same guessing. Each count commits on its own: a wrong password
 * is counted even though the sign-in that saw it fails.
 */
@Component
public class SignInThrottle {

  private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

  private record Window(int attempts, Instant startedAt) {}

  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final SignInLimits limits;
  private final Clock clock;

  public SignInThrottle(
      JdbcClient jdbc, PlatformTransactionManager transactions, SignInLimits limits, Clock clock) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.limits = limits;
    this.clock = clock;
  }

  /** Counts one attempt from this client address, refused past the address's limit. */
  public void attemptFrom(String address) {
    Window window = count("address:" + address, limits.addressWindow());
    if (window.attempts() > limits.addressAttempts()) {
      log.warn("Sign-in refused: attempt {} from {} in one window", window.attempts(), address);
      throw refused(
          "Too many sign-in and sign-up attempts from your address",
          window,
          limits.addressWindow());
    }
  }

  /** Refuses a sign-in to an account whose password was wrong too often lately. */
  public void accountOpen(String email) {
    Optional<Window> window =
        jdbc.sql(
                """
                SELECT attempts, window_started_at FROM sign_in_attempts
                WHERE key = :key AND window_started_at > :windowStart
                """)
            .param("key", accountKey(email))
            .param("windowStart", Timestamp.from(clock.instant().minus(limits.accountWindow())))
            .query(SignInThrottle::window)
            .optional();
    if (window.isPresent() && window.get().attempts() >= limits.accountFailures()) {
      log.warn("Sign-in refused: account locked after {} failures", window.get().attempts());
      throw refused(
          "Too many wrong passwords for this account", window.get(), limits.accountWindow());
    }
  }

  /** Counts a wrong password for this account. */
  public void failedSignIn(String email) {
    count(accountKey(email), limits.accountWindow());
  }

  /** A successful sign-in forgets the account's earlier wrong passwords. */
  public void signedIn(String email) {
    ownTransaction.executeWithoutResult(
        status ->
            jdbc.sql("DELETE FROM sign_in_attempts WHERE key = :key")
                .param("key", accountKey(email))
                .update());
  }

  /** Counts a sign-up for this email, refused past the account's limit. */
  public void signUpFor(String email) {
    Window window = count("sign-up:" + digest(email), limits.accountWindow());
    if (window.attempts() > limits.accountFailures()) {
      throw refused("Too many sign-ups for this email", window, limits.accountWindow());
    }
  }

  /** Forgets windows that have ended, so the table holds only the attempts that still count. */
  @Scheduled(initialDelayString = "1m", fixedDelayString = "5m")
  public void forgetEndedWindows() {
    Duration longest =
        limits.addressWindow().compareTo(limits.accountWindow()) > 0
            ? limits.addressWindow()
            : limits.accountWindow();
    try {
      int forgotten =
          jdbc.sql("DELETE FROM sign_in_attempts WHERE window_started_at <= :before")
              .param("before", Timestamp.from(clock.instant().minus(longest)))
              .update();
      if (forgotten > 0) {
        log.debug("Forgot {} ended sign-in windows", forgotten);
      }
    } catch (RuntimeException e) {
      // Postgres is away: the ended windows are forgotten at the next run.
      log.warn("Ended sign-in windows not forgotten: {}", e.getMessage());
    }
  }

  private Window count(String key, Duration length) {
    Instant now = clock.instant();
    return ownTransaction.execute(
        status ->
            jdbc.sql(
                    """
                    INSERT INTO sign_in_attempts AS a (key, window_started_at, attempts)
                    VALUES (:key, :now, 1)
                    ON CONFLICT (key) DO UPDATE SET
                      window_started_at = CASE WHEN a.window_started_at <= :windowStart
                                               THEN :now ELSE a.window_started_at END,
                      attempts = CASE WHEN a.window_started_at <= :windowStart
                                      THEN 1 ELSE a.attempts + 1 END
                    RETURNING attempts, window_started_at
                    """)
                .param("key", key)
                .param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(length)))
                .query(SignInThrottle::window)
                .single());
  }

  private static Window window(ResultSet row, int number) throws SQLException {
    return new Window(row.getInt("attempts"), row.getTimestamp("window_started_at").toInstant());
  }

  private TooManyAttemptsException refused(String why, Window window, Duration length) {
    Duration wait = Duration.between(clock.instant(), window.startedAt().plus(length));
    return new TooManyAttemptsException(why + "; try again in " + humane(wait), wait);
  }

  /** "45 seconds", "3 minutes": a wait as a person says it. */
  static String humane(Duration wait) {
    long seconds = wholeSeconds(wait);
    if (seconds < 90) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    return ((seconds + 59) / 60) + " minutes";
  }

  /** A wait in whole seconds, rounded up, and at least one. */
  static long wholeSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private static String accountKey(String email) {
    return "account:" + digest(email);
  }

  /** Accounts are counted by a digest of the normalized email: any length, nothing readable. */
  private static String digest(String email) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(UserService.normalizeEmail(email).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
