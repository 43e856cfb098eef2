package dev.outdial.workflows.common;

import java.util.UUID;

/** Workflow ids come from business keys, so starting the same work twice finds the first run. */
public final class WorkflowIds {

  private WorkflowIds() {}

  /** The call workflow of a campaign's queue item. */
  public static String campaignCall(UUID queueItemId) {
    return "call-" + queueItemId;
  }

  /** A one-off call started from the API. */
  public static String adhocCall(UUID requestId) {
    return "call-adhoc-" + requestId;
  }

  /** An inbound call, known only by Bolna's execution id. */
  public static String inboundCall(String executionId) {
    return "call-exec-" + executionId;
  }

  /** The workflow that runs a campaign from start to end. */
  public static String campaign(UUID campaignId) {
    return "campaign-" + campaignId;
  }

  public static final String DISPATCHER = "dispatcher";
}
