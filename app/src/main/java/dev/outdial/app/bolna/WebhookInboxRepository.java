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
}
