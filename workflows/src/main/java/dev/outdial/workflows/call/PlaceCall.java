package dev.outdial.workflows.call;

import java.util.Map;
import java.util.UUID;

/**
 * One attempt to place a call.
 *
 * @param attemptKey unique per attempt ({@code <workflowId>:<attempt>}); the call is placed at most
 *     once per key, however often the activity runs
 * @param workflowId where Bolna's statuses for this call are signalled
 */
public record PlaceCall(
    String attemptKey,
    String workflowId,
    UUID userId,
    UUID agentId,
    String bolnaAgentId,
    UUID contactId,
    UUID queueItemId,
    UUID campaignId,
    String phoneNumber,
    Map<String, String> userData) {}
