package dev.outdial.app.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.outdial.activities.testing.MutableClock;
import dev.outdial.activities.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The sign-in limits as SQL on a real Postgres, with a clock the test moves. */
class SignInThrottleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z"));
  private JdbcClient jdbc;
  private DataSourceTransactionManager transactions;
  private SignInThrottle throttle;

  @BeforeEach
  void freshDatabase() {
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    transactions = new DataSourceTransactionManager(dataSource);
    throttle =
        new SignInThrottle(
            jdbc,
            transactions,
            new SignInLimits(3, Duration.ofMinutes(1), 2, Duration.ofMinutes(15)),
            clock);
  }

  private static OptionalLong retryAfter(Throwable refusal) {
    return ((TooManyAttemptsException) refusal).retryAfterSeconds();
  }

  @Test
  void anAddressIsRefusedPastItsAttemptsUntilItsWindowEnds() {
    for (int i = 0; i < 3; i++) {
      throttle.attemptFrom("203.0.113.7");
      clock.advance(Duration.ofSeconds(10));
    }
    assertThatThrownBy(() -> throttle.attemptFrom("203.0.113.7"))
        .isInstanceOf(TooManyAttemptsException.class)
        .hasMessage(
            "Too many sign-in and sign-up attempts from your address; try again in 30 seconds")
        .satisfies(refusal -> assertThat(retryAfter(refusal)).hasValue(30));
    assertThatCode(() -> throttle.attemptFrom("198.51.100.1"))
        .as("another address counts apart")
        .doesNotThrowAnyException();

    clock.advance(Duration.ofSeconds(30));
    assertThatCode(() -> throttle.attemptFrom("203.0.113.7"))
        .as("a new window")
        .doesNotThrowAnyException();
  }

  @Test
  void anAccountIsLockedAfterItsWrongPasswordsAndASuccessfulSignInClearsThem() {
    throttle.failedSignIn("Ana@Example.com");
    throttle.accountOpen("ana@example.com");
    throttle.signedIn("ana@example.com");
    throttle.failedSignIn("ana@example.com");
    throttle.accountOpen("ana@example.com");
    throttle.failedSignIn(" ANA@example.com");

    clock.advance(Duration.ofMinutes(5));
    assertThatThrownBy(() -> throttle.accountOpen("ana@example.com"))
        .isInstanceOf(TooManyAttemptsException.class)
        .hasMessage("Too many wrong passwords for this account; try again in 10 minutes")
        .satisfies(refusal -> assertThat(retryAfter(refusal)).hasValue(600));
    assertThatCode(() -> throttle.accountOpen("bo@example.com")).doesNotThrowAnyException();

    clock.advance(Duration.ofMinutes(10));
    assertThatCode(() -> throttle.accountOpen("ana@example.com")).doesNotThrowAnyException();
  }

  @Test
  void aWrongPasswordCountsEvenWhenTheSignInAroundItRollsBack() {
    TransactionTemplate signIn = new TransactionTemplate(transactions);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(
              () ->
                  signIn.executeWithoutResult(
                      status -> {
                        throttle.failedSignIn("ana@example.com");
                        throw new IllegalStateException("wrong password");
                      }))
          .isInstanceOf(IllegalStateException.class);
    }
    assertThatThrownBy(() -> throttle.accountOpen("ana@example.com"))
        .isInstanceOf(TooManyAttemptsException.class);
  }

  @Test
  void oneEmailMaySignUpOnlySoOftenInAWindow() {
    throttle.signUpFor("ana@example.com");
    throttle.signUpFor("ana@example.com");
    assertThatThrownBy(() -> throttle.signUpFor("ANA@example.com"))
        .isInstanceOf(TooManyAttemptsException.class)
        .hasMessageStartingWith("Too many sign-ups for this email");
    assertThatCode(() -> throttle.accountOpen("ana@example.com"))
        .as("sign-ups are not wrong passwords")
        .doesNotThrowAnyException();
  }

  @Test
  void endedWindowsAreForgottenAndNoEmailIsStoredReadably() {
    throttle.attemptFrom("203.0.113.7");
    throttle.failedSignIn("ana@example.com");
    assertThat(jdbc.sql("SELECT key FROM sign_in_attempts").query(String.class).list())
        .hasSize(2)
        .noneMatch(key -> key.contains("ana"))
        .contains("address:203.0.113.7");

    clock.advance(Duration.ofMinutes(14));
    throttle.forgetEndedWindows();
    assertThat(jdbc.sql("SELECT count(*) FROM sign_in_attempts").query(Integer.class).single())
        .as("the account's window is still open")
        .isEqualTo(2);

    clock.advance(Duration.ofMinutes(1));
    throttle.forgetEndedWindows();
    assertThat(jdbc.sql("SELECT count(*) FROM sign_in_attempts").query(Integer.class).single())
        .isZero();
  }

  @Test
  void aWaitIsSaidAsAPersonWouldSayIt() {
    assertThat(SignInThrottle.humane(Duration.ofMillis(200))).isEqualTo("1 second");
    assertThat(SignInThrottle.humane(Duration.ofSeconds(89))).isEqualTo("89 seconds");
    assertThat(SignInThrottle.humane(Duration.ofSeconds(90))).isEqualTo("2 minutes");
    assertThat(SignInThrottle.humane(Duration.ofMinutes(15))).isEqualTo("15 minutes");
  }
}
