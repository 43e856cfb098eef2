package dev.outdial.workflows.call;

import java.util.UUID;

/** A placed call: our call row and Bolna's execution. */
public record Placement(UUID callId, String executionId) {}
