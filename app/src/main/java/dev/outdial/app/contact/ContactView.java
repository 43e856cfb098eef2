package dev.outdial.app.contact;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A contact as the API shows it.
 *
 * @param doNotCall the contact asked not to be called again (set by the lead scorer, or by hand);
 *     such a contact is never dialed
 */
public record ContactView(
    UUID id,
    String name,
    String phoneNumber,
    String email,
    String company,
    String notes,
    boolean isCustomer,
    boolean doNotCall,
    boolean isAutoCreated,
    UUID autoCreatedFromCallId,
    String autoCreationSource,
    int notConnected,
    Map<String, Object> userData,
    Instant createdAt,
    Instant updatedAt) {}
