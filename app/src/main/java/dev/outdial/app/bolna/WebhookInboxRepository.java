package dev.outdial.app.bolna;

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
  public void storeAll(java.util.List<NewDelivery> deliveries) {
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
      java.time.OffsetDateTime receivedAt) {}

  /**
   * Locks a pending event whose turn has come, for processing; another worker skips it meanwhile,
   * and one claimed for its signal ({@link #claimForSignal}) is not due until its lease is over.
   */
  public java.util.Optional<PendingEvent> lockDue(UUID id) {
    return jdbc.sql(
            """
            SELECT id, execution_id, status, payload::text AS payload, attempts, received_at
            FROM webhook_events
            WHERE id = :id AND processed_at IS NULL
              AND (next_attempt_at IS NULL OR next_attempt_at <= now())
            FOR UPDATE SKIP LOCKED
            """)
        .param("id", id)
        .query(PendingEvent.class)
        .optional();
  }

  /** Pending events whose turn has come, oldest first. */
  public java.util.List<UUID> due(int limit) {
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

  public void markProcessed(UUID id, String outcome) {
    jdbc.sql(
            "UPDATE webhook_events SET processed_at = now(), outcome = :outcome, error = NULL,"
                + " attempts = attempts + 1 WHERE id = :id")
        .param("id", id)
        .param("outcome", outcome)
        .update();
  }

  /**
   * Claims a locked event for the signal that is sent after this transaction commits, so no row
   * lock is held while Temporal answers. Until {@code lease} is over nobody else takes it; if the
   * processor dies before it marks the event, the sweep takes it again then, and the call's
   * workflow ignores a status it has already seen.
   */
  public void claimForSignal(UUID id, java.time.Duration lease) {
    jdbc.sql(
            """
            UPDATE webhook_events SET outcome = 'signalling',
              next_attempt_at = now() + make_interval(secs => :seconds)
            WHERE id = :id
            """)
        .param("id", id)
        .param("seconds", (double) lease.toSeconds())
        .update();
  }

  /** Leaves the event pending and sets when it is tried again. */
  public void markRetry(UUID id, String outcome, String error, java.time.Duration after) {
    jdbc.sql(
            """
            UPDATE webhook_events SET outcome = :outcome, error = :error, attempts = attempts + 1,
              next_attempt_at = now() + make_interval(secs => :seconds)
            WHERE id = :id
            """)
        .param("id", id)
        .param("outcome", outcome)
        .param("error", error)
        .param("seconds", (double) after.toSeconds())
        .update();
  }

  static final String ALREADY_SIGNALLED =
      """
      SELECT EXISTS (
        SELECT 1 FROM webhook_events
        WHERE execution_id = :executionId AND status = :status AND id <> :except
          AND outcome = 'signalled')
      """;

  /**
   * Whether the same status of the same execution was handed to its workflow before. One probe of
   * the signalled events' own index: the 10,000th repeat costs what the 2nd does.
   */
  public boolean alreadySignalled(String executionId, String status, UUID except) {
    return jdbc.sql(ALREADY_SIGNALLED)
        .param("executionId", executionId)
        .param("status", status)
        .param("except", except)
        .query(Boolean.class)
        .single();
  }
}
