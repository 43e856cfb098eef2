package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.app.bolna.WebhookInboxRepository.PendingEvent;
import dev.outdial.app.bolna.WebhookInboxRepository.Settlement;
import dev.outdial.workflows.call.ProviderStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  private Optional<PendingEvent> lockDue(UUID id) {
    return inbox.lockDue(List.of(id)).stream().findFirst();
  }

  private boolean alreadySignalled(String executionId, String status, UUID except) {
    return inbox
        .alreadySignalled(List.of(new ProviderStatus(executionId, status)), List.of(except))
        .contains(new ProviderStatus(executionId, status));
  }

  @Test
  void aStoredDeliveryIsPendingWithItsPayloadAndNoAttempts() {
    UUID id = stored("exec-1", "ringing");

    var pending = lockDue(id).orElseThrow();

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

    inbox.settle(
        List.of(
            Settlement.retry(later, "unmatched", "no call knows exec-1", Duration.ofMinutes(10)),
            Settlement.retry(now, "error", "temporal away", Duration.ZERO)));

    assertThat(inbox.due(10)).containsExactly(now);
    assertThat(lockDue(later)).isEmpty();
    assertThat(lockDue(now).orElseThrow().attempts()).isEqualTo(1);
    assertThat(row(later))
        .containsEntry("attempts", 1)
        .containsEntry("outcome", "unmatched")
        .containsEntry("error", "no call knows exec-1");
  }

  @Test
  void aProcessedDeliveryIsNeitherDueNorLockable() {
    UUID id = stored("exec-1", "ringing");

    inbox.settle(List.of(Settlement.processed(id, "signalled")));

    assertThat(inbox.due(10)).isEmpty();
    assertThat(lockDue(id)).isEmpty();
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

      assertThat(lockDue(id)).isEmpty();

      other.rollback();
    }
    assertThat(lockDue(id)).isPresent();
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
    assertThat(lockDue(id)).isEmpty();
  }

  @Test
  void aStatusCountsAsSignalledOnlyIfAnotherDeliveryOfItWasSignalled() {
    UUID first = stored("exec-1", "completed");
    UUID repeat = stored("exec-1", "completed");
    UUID otherStatus = stored("exec-1", "ringing");

    assertThat(alreadySignalled("exec-1", "completed", repeat)).isFalse();

    inbox.settle(
        List.of(
            Settlement.processed(first, "signalled"),
            Settlement.processed(otherStatus, "signalled")));

    assertThat(alreadySignalled("exec-1", "completed", repeat)).isTrue();
    assertThat(alreadySignalled("exec-1", "completed", first)).isFalse();
    assertThat(alreadySignalled("exec-2", "completed", repeat)).isFalse();
  }

  @Test
  void aDeliveryClaimedForItsSignalIsNeitherDueNorLockableUntilItsLeaseIsOver() {
    UUID claimed = stored("exec-1", "completed");
    UUID expired = stored("exec-2", "completed");

    inbox.settle(
        List.of(
            Settlement.claimedForSignal(claimed, Duration.ofMinutes(1)),
            Settlement.claimedForSignal(expired, Duration.ZERO)));

    assertThat(inbox.due(10)).containsExactly(expired);
    assertThat(lockDue(claimed)).isEmpty();
    assertThat(lockDue(expired)).isPresent();
    assertThat(row(claimed))
        .containsEntry("outcome", "signalling")
        .containsEntry("attempts", 0)
        .containsEntry("processed_at", null);
  }

  @Test
  void manyDeliveriesAreLockedInOneGoOldestFirstSkippingThoseNotDueOrUnknown() {
    UUID newest = stored("exec-1", "completed");
    UUID oldest = stored("exec-2", "ringing");
    UUID waiting = stored("exec-3", "ringing");
    receivedSecondsAgo(newest, 1);
    receivedSecondsAgo(oldest, 30);
    inbox.settle(List.of(Settlement.retry(waiting, "unmatched", "nobody", Duration.ofMinutes(1))));

    List<PendingEvent> locked = inbox.lockDue(List.of(newest, waiting, UUID.randomUUID(), oldest));

    assertThat(locked).extracting(PendingEvent::id).containsExactly(oldest, newest);
  }

  @Test
  void oneSettlementWritesEachDeliveryAsItsStepSays() {
    UUID done = stored("exec-1", "completed");
    UUID again = stored("exec-2", "completed");
    UUID claimed = stored("exec-3", "completed");
    inbox.settle(List.of(Settlement.retry(claimed, "error", "temporal away", Duration.ZERO)));

    inbox.settle(
        List.of(
            Settlement.processed(done, "duplicate"),
            Settlement.retry(again, "unmatched", "no call knows exec-2", Duration.ofMinutes(2)),
            Settlement.claimedForSignal(claimed, Duration.ofMinutes(1))));

    assertThat(row(done))
        .containsEntry("outcome", "duplicate")
        .containsEntry("error", null)
        .containsEntry("attempts", 1);
    assertThat(row(done).get("processed_at")).isNotNull();
    assertThat(row(again))
        .containsEntry("outcome", "unmatched")
        .containsEntry("error", "no call knows exec-2")
        .containsEntry("attempts", 1)
        .containsEntry("processed_at", null);
    assertThat(row(claimed))
        .as("a claim counts no attempt and keeps the last error until the signal is answered")
        .containsEntry("outcome", "signalling")
        .containsEntry("error", "temporal away")
        .containsEntry("attempts", 1)
        .containsEntry("processed_at", null);
    assertThat(inbox.due(10)).isEmpty();
  }

  @Test
  void aProcessedDeliveryIsNotUndoneByALaterSettlement() {
    UUID id = stored("exec-1", "completed");
    inbox.settle(List.of(Settlement.processed(id, "signalled")));

    inbox.settle(List.of(Settlement.retry(id, "error", "temporal away", Duration.ZERO)));

    assertThat(row(id)).containsEntry("outcome", "signalled").containsEntry("attempts", 1);
    assertThat(inbox.due(10)).isEmpty();
  }

  @Test
  void aStatusBeingSignalledCountsAsSignalledForItsRepeats() {
    UUID first = stored("exec-1", "completed");
    UUID repeat = stored("exec-1", "completed");

    inbox.settle(List.of(Settlement.claimedForSignal(first, Duration.ofMinutes(1))));

    assertThat(alreadySignalled("exec-1", "completed", repeat)).isTrue();
    assertThat(alreadySignalled("exec-1", "completed", first))
        .as("a delivery taken again after its lease is not its own repeat")
        .isFalse();
  }
}
