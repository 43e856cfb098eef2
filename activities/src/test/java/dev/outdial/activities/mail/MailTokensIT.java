package dev.outdial.activities.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The mailed links' tokens on the real schema: once, in time, for their own user and purpose. */
class MailTokensIT {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  private static JdbcClient jdbc;
  private static MailTokens tokens;

  @BeforeAll
  static void database() {
    jdbc = JdbcClient.create(TestDatabase.freshDatabase());
    tokens = new MailTokens(jdbc);
  }

  private static UUID newUser() {
    return new TestRows(jdbc).user(0, 2);
  }

  @Test
  void aTokenWorksOnceAndSaysTheAddressItWasSentTo() {
    UUID user = newUser();
    String token = tokens.issue(user, NewMail.EMAIL_VERIFICATION, "ada@example.com", NOW, DAY);

    assertThat(tokens.redeem(user, NewMail.EMAIL_VERIFICATION, token, NOW.plusSeconds(5)))
        .contains("ada@example.com");
    assertThat(tokens.redeem(user, NewMail.EMAIL_VERIFICATION, token, NOW.plusSeconds(6)))
        .isEmpty();
  }

  @Test
  void aTokenDoesNotWorkFromItsExpiry() {
    UUID user = newUser();
    String token = tokens.issue(user, NewMail.EMAIL_VERIFICATION, "ada@example.com", NOW, DAY);

    assertThat(tokens.redeem(user, NewMail.EMAIL_VERIFICATION, token, NOW.plus(DAY))).isEmpty();
    assertThat(tokens.redeem(user, NewMail.EMAIL_VERIFICATION, token, NOW.plus(DAY).minusMillis(1)))
        .isPresent();
  }

  @Test
  void aTokenDoesNotWorkForAnotherUserNorAnotherPurposeAndStaysUsable() {
    UUID owner = newUser();
    UUID other = newUser();
    String token = tokens.issue(owner, NewMail.EMAIL_VERIFICATION, "ada@example.com", NOW, DAY);

    assertThat(tokens.redeem(other, NewMail.EMAIL_VERIFICATION, token, NOW)).isEmpty();
    assertThat(tokens.redeem(owner, NewMail.PASSWORD_RESET, token, NOW)).isEmpty();
    assertThat(tokens.redeem(owner, NewMail.EMAIL_VERIFICATION, token + "x", NOW)).isEmpty();
    assertThat(tokens.redeem(owner, NewMail.EMAIL_VERIFICATION, token, NOW)).isPresent();
  }

  @Test
  void onlyTheHashIsStored() {
    UUID user = newUser();
    String token = tokens.issue(user, NewMail.PASSWORD_RESET, "ada@example.com", NOW, DAY);

    String stored =
        jdbc.sql("SELECT token_hash FROM mail_tokens WHERE user_id = :u")
            .param("u", user)
            .query(String.class)
            .single();
    assertThat(stored).hasSize(64).doesNotContain(token);
  }

  @Test
  void revokingEndsEveryUnusedTokenOfThatPurpose() {
    UUID user = newUser();
    String first = tokens.issue(user, NewMail.PASSWORD_RESET, "ada@example.com", NOW, DAY);
    String second = tokens.issue(user, NewMail.PASSWORD_RESET, "ada@example.com", NOW, DAY);
    String verification =
        tokens.issue(user, NewMail.EMAIL_VERIFICATION, "ada@example.com", NOW, DAY);

    assertThat(tokens.revokeAll(user, NewMail.PASSWORD_RESET, NOW)).isEqualTo(2);

    assertThat(tokens.redeem(user, NewMail.PASSWORD_RESET, first, NOW)).isEmpty();
    assertThat(tokens.redeem(user, NewMail.PASSWORD_RESET, second, NOW)).isEmpty();
    assertThat(tokens.redeem(user, NewMail.EMAIL_VERIFICATION, verification, NOW)).isPresent();
  }

  @Test
  void tokensAreForgottenOnceExpiredLongEnough() {
    UUID user = newUser();
    tokens.issue(
        user, NewMail.PASSWORD_RESET, "ada@example.com", NOW.minus(DAY.multipliedBy(40)), DAY);
    String fresh = tokens.issue(user, NewMail.PASSWORD_RESET, "ada@example.com", NOW, DAY);

    assertThat(tokens.forgetExpiredBefore(NOW.minus(DAY.multipliedBy(30)))).isEqualTo(1);

    assertThat(tokens.redeem(user, NewMail.PASSWORD_RESET, fresh, NOW)).isPresent();
  }

  @Test
  void theLastIssueIsKnown() {
    UUID user = newUser();
    assertThat(tokens.lastIssued(user, NewMail.PASSWORD_RESET)).isEmpty();
    tokens.issue(user, NewMail.PASSWORD_RESET, "ada@example.com", NOW, DAY);
    tokens.issue(user, NewMail.PASSWORD_RESET, "ada@example.com", NOW.plusSeconds(60), DAY);

    assertThat(tokens.lastIssued(user, NewMail.PASSWORD_RESET)).contains(NOW.plusSeconds(60));
  }
}
