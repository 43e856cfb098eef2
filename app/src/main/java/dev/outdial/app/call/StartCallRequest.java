package dev.outdial.app.call;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A one-off call: to a contact, or to a number (the contact is found by number or made).
 *
 * @param defaultRegion for a number written without its country code
 * @param scheduledAt not before this instant (with its offset); absent: as soon as possible
 */
public record StartCallRequest(
    @NotNull UUID agentId,
    UUID contactId,
    @Size(max = 50) String phoneNumber,
    @Size(max = 255) String name,
    @Size(min = 2, max = 2) String defaultRegion,
    Map<String, String> userData,
    OffsetDateTime scheduledAt) {}
