package dev.outdial.activities.bolna;

import java.time.Instant;
import java.util.Map;

/**
 * A call to place: {@code POST /call}.
 *
 * @param agentId Bolna's agent id
 * @param recipientPhoneNumber E.164
 * @param fromPhoneNumber the caller id to use, or null for the agent's default
 * @param userData variables for the prompt; comes back in every payload as recipient_data, so it
 *     also carries Outdial's own ids
 * @param scheduledAt when Bolna should dial, or null for now
 */
public record PlaceCallRequest(
    String agentId,
    String recipientPhoneNumber,
    String fromPhoneNumber,
    Map<String, Object> userData,
    Instant scheduledAt) {}
