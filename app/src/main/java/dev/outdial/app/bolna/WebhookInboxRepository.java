package dev.outdial.app.bolna;

import dev.outdial.workflows.call.ProviderStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webhook_events} inbox: every delivery, as it arrived. */
@Repository
public class WebhookInboxRepository {

  private final JdbcClient jdbc;

  public WebhookInboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Stores a well-formed delivery, not processed yet. */
  public UUID store(String executionId, String status, String payloadJson, String remoteAddress) {
    return jdbc.sql(
            """
            INSERT INTO webhook_events (execution_id, status, payload, remote_address)
            VALUES (:executionId, :status, CAST(:payload AS jsonb), :remoteAddress)
            RETURNING id
            """)
        .param("executionId", executionId)
        .param("status", status)
        .param("payload", payloadJson)
        .param("remoteAddress", remoteAddress)
        .query(UUID.class)
        .single();
  }

  /** A well-formed delivery to store, with the id it is stored under. */
  public record NewDelivery(
      UUID id, String executionId, String status, String payloadJson, String remoteAddress) {}

  /**
   * Stores several well-formed deliveries in one statement, not processed yet: one commit for all
   * of them, where a statement of its own for each would wait for a commit each.
   */
  public void storeAll(List<NewDelivery> deliveries) {
    jdbc.sql(
            """
            INSERT INTO webhook_events (id, execution_id, status, payload, remote_address)
            SELECT d.id, d.execution_id, d.status, CAST(d.payload AS jsonb), d.remote_address
            FROM unnest(CAST(:ids AS uuid[]), CAST(:executionIds AS text[]),
                        CAST(:statuses AS text[]), CAST(:payloads AS text[]),
                        CAST(:remoteAddresses AS text[]))
                 AS d(id, execution_id, status, payload, remote_address)
            """)
        .param("ids", deliveries.stream().map(d -> d.id().toString()).toArray(String[]::new))
        .param(
            "executionIds",
            deliveries.stream().map(NewDelivery::executionId).toArray(String[]::new))
        .param("statuses", deliveries.stream().map(NewDelivery::status).toArray(String[]::new))
        .param("payloads", deliveries.stream().map(NewDelivery::payloadJson).toArray(String[]::new))
        .param(
            "remoteAddresses",
            deliveries.stream().map(NewDelivery::remoteAddress).toArray(String[]::new))
        .update();
  }

  /** Keeps a delivery that is not JSON, for debugging; there is nothing to process in it. */
  public UUID storeMalformed(String rawBody, String error, String remoteAddress) {
    return jdbc.sql(
            """
            INSERT INTO webhook_events (raw_body, remote_address, processed_at, outcome, error)
            VALUES (:rawBody, :remoteAddress, now(), 'malformed', :error)
            RETURNING id
            """)
        .param("rawBody", rawBody)
        .param("remoteAddress", remoteAddress)
        .param("error", error)
        .query(UUID.class)
        .single();
  }

  /** A stored delivery waiting to be processed. */
  public record PendingEvent(
      UUID id,
      String executionId,
      String status,
      String payload,
      int attempts,
      OffsetDateTime receivedAt) {}

  /** Taken by each processor before it locks events, so only one decides at a time. */
  private static final long CLAIM_LOCK_KEY = 0x0ed1a5L;

  /**
   * Locks, oldest first, those of the given events that are pending and whose turn has come, for
   * processing; another processor skips them meanwhile, and one claimed for its signal ({@link
   * Settlement#claimedForSignal}) is not due until its lease is over. Processors lock one at a time
   * (a lock held until the transaction ends), so two never both take repeats of one status for the
   * first.
   */
  public List<PendingEvent> lockDue(Collection<UUID> ids) {
    jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
        .param("key", CLAIM_LOCK_KEY)
        .query()
        .listOfRows();
    return jdbc.sql(
            """
            SELECT id, execution_id, status, payload::text AS payload, attempts, received_at
            FROM webhook_events
            WHERE id = ANY (CAST(:ids AS uuid[])) AND processed_at IS NULL
              AND (next_attempt_at IS NULL OR next_attempt_at <= now())
            ORDER BY received_at, id
            FOR UPDATE SKIP LOCKED
            """)
        .param("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
        .query(PendingEvent.class)
        .list();
  }

  /** Pending events whose turn has come, oldest first. */
  public List<UUID> due(int limit) {
    return jdbc.sql(
            """
            SELECT id FROM webhook_events
            WHERE processed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= now())
            ORDER BY received_at
            LIMIT :limit
            """)
        .param("limit", limit)
        .query(UUID.class)
        .list();
  }

  /** What processing made of a pending event, to be written to its row. */
  public record Settlement(UUID id, Step step, String outcome, String error, Duration pause) {

    public enum Step {
      PROCESSED,
      RETRY,
      CLAIMED
    }

    /** Done: never processed again. */
    public static Settlement processed(UUID id, String outcome) {
      return new Settlement(id, Step.PROCESSED, outcome, null, Duration.ZERO);
    }

    /** Left pending, tried again after the pause; counts an attempt. */
    public static Settlement retry(UUID id, String outcome, String error, Duration after) {
      return new Settlement(id, Step.RETRY, outcome, error, after);
    }

    /**
     * Claimed for the signal that is sent after this transaction commits, so no row lock is held
     * while Temporal answers. Until {@code lease} is over nobody else takes it; if the processor
     * dies before it settles the event, the sweep takes it again then, and the call's workflow
     * ignores a status it has already seen.
     */
    public static Settlement claimedForSignal(UUID id, Duration lease) {
      return new Settlement(id, Step.CLAIMED, "signalling", null, lease);
    }
  }

  /**
   * Writes what processing made of many events in one statement. An event already processed stays
   * as it was: a processor whose lease ran out must not undo the one that took over.
   */
  public void settle(List<Settlement> settlements) {
    if (settlements.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            UPDATE webhook_events w SET
              outcome = s.outcome,
              error = CASE s.step WHEN 'CLAIMED' THEN w.error ELSE s.error END,
              processed_at = CASE s.step WHEN 'PROCESSED' THEN now() ELSE w.processed_at END,
              attempts = w.attempts + CASE s.step WHEN 'CLAIMED' THEN 0 ELSE 1 END,
              next_attempt_at = CASE s.step WHEN 'PROCESSED' THEN w.next_attempt_at
                ELSE now() + make_interval(secs => s.pause_seconds) END
            FROM unnest(CAST(:ids AS uuid[]), CAST(:steps AS text[]), CAST(:outcomes AS text[]),
                        CAST(:errors AS text[]), CAST(:pauses AS float8[]))
                 AS s(id, step, outcome, error, pause_seconds)
            WHERE w.id = s.id AND w.processed_at IS NULL
            """)
        .param("ids", settlements.stream().map(t -> t.id().toString()).toArray(String[]::new))
        .param("steps", settlements.stream().map(t -> t.step().name()).toArray(String[]::new))
        .param("outcomes", settlements.stream().map(Settlement::outcome).toArray(String[]::new))
        .param("errors", settlements.stream().map(Settlement::error).toArray(String[]::new))
        .param(
            "pauses",
            settlements.stream().map(t -> (double) t.pause().toSeconds()).toArray(Double[]::new))
        .update();
  }

  static final String ALREADY_SIGNALLED =
      """
      SELECT k.execution_id, k.status
      FROM unnest(CAST(:executionIds AS text[]), CAST(:statuses AS text[]))
           AS k(execution_id, status)
      WHERE EXISTS (
        SELECT 1 FROM webhook_events w
        WHERE w.execution_id = k.execution_id AND w.status = k.status
          AND w.outcome IN ('signalling', 'signalled')
          AND w.id <> ALL (CAST(:except AS uuid[])))
      """;

  /**
   * Those of the statuses that another delivery than {@code except} handed to its workflow, or is
   * handing to it now. One probe of the sent signals' own index per status: the 10,000th repeat
   * costs what the 2nd does.
   */
  public Set<ProviderStatus> alreadySignalled(
      Collection<ProviderStatus> statuses, Collection<UUID> except) {
    if (statuses.isEmpty()) {
      return new HashSet<>();
    }
    return new HashSet<>(
        jdbc.sql(ALREADY_SIGNALLED)
            .param(
                "executionIds",
                statuses.stream().map(ProviderStatus::executionId).toArray(String[]::new))
            .param("statuses", statuses.stream().map(ProviderStatus::status).toArray(String[]::new))
            .param("except", except.stream().map(UUID::toString).toArray(String[]::new))
            .query(ProviderStatus.class)
            .list());
  }
}
