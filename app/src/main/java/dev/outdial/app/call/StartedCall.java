package dev.outdial.app.call;

import java.util.UUID;

/** A call that was started: follow it by its workflow id, or find its row by contact. */
public record StartedCall(String workflowId, UUID contactId, String phoneNumber) {}
