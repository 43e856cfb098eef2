package dev.outdial.activities.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox's SQL on the real schema: claims, leases, retries and the list. */
class MailOutboxIT {

  private static final Duration LEASE = Duration.ofMinutes(2);

  private JdbcClient jdbc;
  private MailOutbox outbox;
  private TransactionTemplate transaction;
  private UUID user;

  @BeforeEach
  void database() {
    // A database per test: the claims see every due mail of the table.
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(dataSource);
    outbox = new MailOutbox(jdbc);
    transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    user = new TestRows(jdbc).user(0, 2);
  }

  private UUID add(String subject) {
    return outbox.add(
        new NewMail(user, "ada@example.com", subject, "Hello", NewMail.EMAIL_VERIFICATION));
  }

  /**
   * Far enough ahead that every row's default next_attempt_at (the database's now) is due; in
   * microseconds, as Postgres keeps time.
   */
  private static Instant later(Duration after) {
    return Instant.now().plus(Duration.ofSeconds(1)).plus(after).truncatedTo(ChronoUnit.MICROS);
  }

  @Test
  void aMailAddedInARolledBackTransactionDoesNotExist() {
    transaction.executeWithoutResult(
        status -> {
          add("Rolled back");
          status.setRollbackOnly();
        });

    assertThat(outbox.claimDue(later(Duration.ZERO), 10, LEASE)).isEmpty();
    assertThat(outbox.unsent()).isZero();
  }

  @Test
  void aClaimedMailIsNotClaimedAgainDuringItsLease() {
    UUID id = add("Verify");
    Instant now = later(Duration.ZERO);

    List<OutboxMail> first = outbox.claimDue(now, 10, LEASE);
    List<OutboxMail> second = outbox.claimDue(now.plus(LEASE).minusSeconds(1), 10, LEASE);

    assertThat(first).extracting(OutboxMail::id).containsExactly(id);
    assertThat(first.get(0).attempts()).isEqualTo(1);
    assertThat(first.get(0).body()).isEqualTo("Hello");
    assertThat(second).isEmpty();
  }

  @Test
  void aSenderThatDiesBetweenSendingAndMarkingLeavesTheMailToBeSentAgainAfterTheLease() {
    UUID id = add("Verify");
    Instant now = later(Duration.ZERO);
    outbox.claimDue(now, 10, LEASE);
    // The sender handed the mail to SMTP and died here, before markSent.

    List<OutboxMail> afterLease = outbox.claimDue(now.plus(LEASE), 10, LEASE);

    assertThat(afterLease).extracting(OutboxMail::id).containsExactly(id);
    assertThat(afterLease.get(0).attempts()).isEqualTo(2);
    assertThat(outbox.markSent(id, now.plus(LEASE))).isTrue();
    assertThat(outbox.claimDue(now.plus(Duration.ofDays(1)), 10, LEASE)).isEmpty();
    assertThat(outbox.unsent()).isZero();
  }

  @Test
  void aMailIsMarkedSentOnce() {
    UUID id = add("Verify");
    Instant now = later(Duration.ZERO);
    outbox.claimDue(now, 10, LEASE);

    assertThat(outbox.markSent(id, now)).isTrue();
    assertThat(outbox.markSent(id, now.plusSeconds(1))).isFalse();
    assertThat(
            jdbc.sql("SELECT sent_at FROM outbox_mails WHERE id = :id")
                .param("id", id)
                .query(Instant.class)
                .single())
        .isEqualTo(now);
  }

  @Test
  void aFailedMailIsTriedAgainAtItsRetryTimeWithTheErrorKept() {
    UUID id = add("Verify");
    Instant now = later(Duration.ZERO);
    outbox.claimDue(now, 10, LEASE);

    outbox.markFailed(id, "Connection refused", now.plus(MailOutbox.backoff(1)));

    assertThat(outbox.claimDue(now.plusSeconds(29), 10, LEASE)).isEmpty();
    List<OutboxMail> retried = outbox.claimDue(now.plusSeconds(30), 10, LEASE);
    assertThat(retried).extracting(OutboxMail::id).containsExactly(id);
    assertThat(retried.get(0).lastError()).isEqualTo("Connection refused");
  }

  @Test
  void backoffDoublesFromThirtySecondsUpToAnHour() {
    assertThat(MailOutbox.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(MailOutbox.backoff(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(MailOutbox.backoff(4)).isEqualTo(Duration.ofMinutes(4));
    assertThat(MailOutbox.backoff(8)).isEqualTo(Duration.ofHours(1));
    assertThat(MailOutbox.backoff(1000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aClaimTakesAtMostItsBatchOldestTurnFirst() {
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(add("Mail " + i));
    }
    Instant now = later(Duration.ZERO);

    List<OutboxMail> batch = outbox.claimDue(now, 3, LEASE);

    assertThat(batch).hasSize(3);
    assertThat(outbox.claimDue(now, 10, LEASE)).hasSize(2);
  }

  @Test
  void concurrentSendersNeverClaimTheSameMail() throws Exception {
    Set<UUID> added = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      added.add(add("Mail " + i));
    }
    Instant now = later(Duration.ZERO);
    ExecutorService senders = Executors.newFixedThreadPool(4);
    try {
      List<Callable<List<UUID>>> work = new ArrayList<>();
      for (int s = 0; s < 4; s++) {
        work.add(
            () -> {
              List<UUID> mine = new ArrayList<>();
              List<OutboxMail> batch;
              while (!(batch = outbox.claimDue(now, 7, LEASE)).isEmpty()) {
                batch.forEach(mail -> mine.add(mail.id()));
              }
              return mine;
            });
      }
      List<UUID> claimed = new ArrayList<>();
      for (Future<List<UUID>> result : senders.invokeAll(work)) {
        claimed.addAll(result.get());
      }
      assertThat(claimed).doesNotHaveDuplicates();
      assertThat(new HashSet<>(claimed)).isEqualTo(added);
    } finally {
      senders.shutdownNow();
    }
  }

  @Test
  void onlySentMailsAreForgottenOnceOldEnough() {
    UUID sentLongAgo = add("Sent long ago");
    UUID sentLately = add("Sent lately");
    UUID neverSent = add("Never sent");
    Instant now = later(Duration.ZERO);
    outbox.markSent(sentLongAgo, now.minus(Duration.ofDays(31)));
    outbox.markSent(sentLately, now.minus(Duration.ofDays(1)));
    jdbc.sql("UPDATE outbox_mails SET created_at = now() - interval '90 days' WHERE id = :id")
        .param("id", neverSent)
        .update();

    assertThat(outbox.forgetSentBefore(now.minus(Duration.ofDays(30)))).isEqualTo(1);

    assertThat(outbox.page(null, null, 10))
        .extracting(OutboxMail::id)
        .containsExactlyInAnyOrder(sentLately, neverSent);
  }

  @Test
  void theListIsNewestFirstInPages() {
    UUID older = add("Older");
    jdbc.sql("UPDATE outbox_mails SET created_at = now() - interval '1 minute' WHERE id = :id")
        .param("id", older)
        .update();
    UUID newer = add("Newer");

    List<OutboxMail> first = outbox.page(null, null, 1);
    List<OutboxMail> second = outbox.page(first.get(0).createdAt(), first.get(0).id(), 1);

    assertThat(first).extracting(OutboxMail::id).containsExactly(newer);
    assertThat(second).extracting(OutboxMail::id).containsExactly(older);
  }
}
