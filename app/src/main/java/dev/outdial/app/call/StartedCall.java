package dev.outdial.app.call;

import java.time.Instant;
import java.util.UUID;

/**
 * A one-off call that was accepted: follow it by its workflow id, or find its row by contact.
 *
 * @param status {@code queued} (waiting for its time or a free slot), {@code in_progress}, or how
 *     it ended ({@code completed}, {@code failed}, {@code skipped}, {@code cancelled})
 * @param scheduledFor the earliest instant it is dialed
 * @param note why it waits, when it does (such as the recipient's quiet hours)
 * @param workflowUrl the workflow's page in Temporal Web UI, when one is configured
 */
public record StartedCall(
    String workflowId,
    UUID contactId,
    String phoneNumber,
    String status,
    Instant scheduledFor,
    String note,
    String workflowUrl) {}
