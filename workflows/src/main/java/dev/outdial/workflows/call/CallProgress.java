package dev.outdial.workflows.call;

/** What the workflow is doing now, for operators and the API. */
public record CallProgress(int attempt, String stage, String executionId, String lastStatus) {}
