package dev.outdial.workflows.campaign;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One per started campaign ({@code campaign-<campaignId>}), from start to completed or cancelled.
 * It moves the campaign through the states that follow from time and from its queue: {@code
 * scheduled → active} on the start date, a pause of its own while the owner has no credits and the
 * resume when credits arrive, items skipped once the end date has passed, and {@code completed}
 * when nothing is queued or being called. Postgres holds the state; the owner's pause, resume and
 * cancel are committed there by the API (so the answer is immediate and a refused change is a
 * conflict) and then signalled here.
 */
@WorkflowInterface
public interface CampaignWorkflow {

  @WorkflowMethod
  void run(CampaignRun run);

  /** The owner paused the campaign. */
  @SignalMethod
  void pause();

  /** The owner resumed the campaign. */
  @SignalMethod
  void resume();

  /** The owner cancelled the campaign: queued items are cancelled, calls in progress finish. */
  @SignalMethod
  void cancel();

  /** One of the campaign's calls ended. */
  @SignalMethod
  void callFinished();

  /** The owner's credits went up. */
  @SignalMethod
  void creditsArrived();

  /** The campaign as the workflow last saw it. */
  @QueryMethod
  CampaignProgress progress();
}
