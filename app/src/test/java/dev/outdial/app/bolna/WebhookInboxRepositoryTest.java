package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class WebhookInboxRepositoryTest {

  private DataSource database;
  private JdbcClient jdbc;
  private WebhookInboxRepository inbox;

  @BeforeEach
  void freshInbox() {
    database = TestDatabase.freshDatabase();
    jdbc = JdbcClient.create(database);
    inbox = new WebhookInboxRepository(jdbc);
  }

  private UUID stored(String executionId, String status) {
    return inbox.store(
        executionId,
        status,
        "{\"id\": \"" + executionId + "\", \"status\": \"" + status + "\"}",
        "13.203.39.153");
  }

  private void receivedSecondsAgo(UUID id, int seconds) {
    jdbc.sql(
            "UPDATE webhook_events SET received_at = now() - make_interval(secs => :s) WHERE id = :id")
        .param("s", (double) seconds)
        .param("id", id)
        .update();
  }

  private Map<String, Object> row(UUID id) {
    return jdbc.sql("SELECT * FROM webhook_events WHERE id = :id")
        .param("id", id)
        .query()
        .singleRow();
  }

  @Test
  void aStoredDeliveryIsPendingWithItsPayloadAndNoAttempts() {
    UUID id = stored("exec-1", "ringing");

    var pending = inbox.lockDue(id).orElseThrow();

    assertThat(pending.id()).isEqualTo(id);
    assertThat(pending.executionId()).isEqualTo("exec-1");
    assertThat(pending.status()).isEqualTo("ringing");
    assertThat(pending.payload()).isEqualTo("{\"id\": \"exec-1\", \"status\": \"ringing\"}");
    assertThat(pending.attempts()).isZero();
    assertThat(inbox.due(10)).containsExactly(id);
  }

  @Test
  void dueDeliveriesComeOldestFirstAndNoMoreThanTheLimit() {
    UUID newest = stored("exec-1", "completed");
    UUID oldest = stored("exec-1", "ringing");
    UUID middle = stored("exec-1", "in-progress");
    receivedSecondsAgo(newest, 1);
    receivedSecondsAgo(oldest, 30);
    receivedSecondsAgo(middle, 10);

    assertThat(inbox.due(10)).containsExactly(oldest, middle, newest);
    assertThat(inbox.due(2)).containsExactly(oldest, middle);
  }

  @Test
  void aDeliveryToRetryIsNotDueUntilItsPauseIsOverAndCountsTheAttempt() {
    UUID later = stored("exec-1", "ringing");
    UUID now = stored("exec-2", "ringing");

    inbox.markRetry(later, "unmatched", "no call knows exec-1", Duration.ofMinutes(10));
    inbox.markRetry(now, "error", "temporal away", Duration.ZERO);

    assertThat(inbox.due(10)).containsExactly(now);
    assertThat(inbox.lockDue(later)).isEmpty();
    assertThat(inbox.lockDue(now).orElseThrow().attempts()).isEqualTo(1);
    assertThat(row(later))
        .containsEntry("attempts", 1)
        .containsEntry("outcome", "unmatched")
        .containsEntry("error", "no call knows exec-1");
  }

  @Test
  void aProcessedDeliveryIsNeitherDueNorLockable() {
    UUID id = stored("exec-1", "ringing");

    inbox.markProcessed(id, "signalled");

    assertThat(inbox.due(10)).isEmpty();
    assertThat(inbox.lockDue(id)).isEmpty();
    assertThat(row(id)).containsEntry("outcome", "signalled");
    assertThat(row(id).get("processed_at")).isNotNull();
  }

  @Test
  void aDeliveryLockedByAnotherWorkerIsSkippedNotWaitedFor() throws Exception {
    UUID id = stored("exec-1", "ringing");

    try (Connection other = database.getConnection()) {
      other.setAutoCommit(false);
      try (PreparedStatement lock =
          other.prepareStatement("SELECT id FROM webhook_events WHERE id = ? FOR UPDATE")) {
        lock.setObject(1, id);
        lock.executeQuery().close();
      }

      assertThat(inbox.lockDue(id)).isEmpty();

      other.rollback();
    }
    assertThat(inbox.lockDue(id)).isPresent();
  }

  @Test
  void aMalformedDeliveryIsKeptAsItCameButIsNeverProcessed() {
    UUID id = inbox.storeMalformed("{not json", "Unexpected character", "10.0.0.7");

    assertThat(row(id))
        .containsEntry("raw_body", "{not json")
        .containsEntry("error", "Unexpected character")
        .containsEntry("remote_address", "10.0.0.7")
        .containsEntry("outcome", "malformed")
        .containsEntry("payload", null);
    assertThat(row(id).get("processed_at")).isNotNull();
    assertThat(inbox.due(10)).isEmpty();
    assertThat(inbox.lockDue(id)).isEmpty();
  }

  @Test
  void aStatusCountsAsSignalledOnlyIfAnotherDeliveryOfItWasSignalled() {
    UUID first = stored("exec-1", "completed");
    UUID repeat = stored("exec-1", "completed");
    UUID otherStatus = stored("exec-1", "ringing");

    assertThat(inbox.alreadySignalled("exec-1", "completed", repeat)).isFalse();

    inbox.markProcessed(first, "signalled");
    inbox.markProcessed(otherStatus, "signalled");

    assertThat(inbox.alreadySignalled("exec-1", "completed", repeat)).isTrue();
    assertThat(inbox.alreadySignalled("exec-1", "completed", first)).isFalse();
    assertThat(inbox.alreadySignalled("exec-2", "completed", repeat)).isFalse();
  }

  @Test
  void aDeliveryClaimedForItsSignalIsNeitherDueNorLockableUntilItsLeaseIsOver() {
    UUID claimed = stored("exec-1", "completed");
    UUID expired = stored("exec-2", "completed");

    inbox.claimForSignal(claimed, Duration.ofMinutes(1));
    inbox.claimForSignal(expired, Duration.ZERO);

    assertThat(inbox.due(10)).containsExactly(expired);
    assertThat(inbox.lockDue(claimed)).isEmpty();
    assertThat(inbox.lockDue(expired)).isPresent();
    assertThat(row(claimed))
        .containsEntry("outcome", "signalling")
        .containsEntry("attempts", 0)
        .containsEntry("processed_at", null);
  }
}
