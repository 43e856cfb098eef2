package dev.outdial.workflows.campaign;

import io.temporal.workflow.Workflow;
import java.util.concurrent.atomic.AtomicInteger;

/** A campaign for tests of the calls that report to it: it reviews nothing, and counts. */
public class ListeningCampaign implements CampaignWorkflow {

  public static final AtomicInteger CALLS_FINISHED = new AtomicInteger();

  @Override
  public void run(CampaignRun run) {
    Workflow.await(() -> false);
  }

  @Override
  public void pause() {}

  @Override
  public void resume() {}

  @Override
  public void cancel() {}

  @Override
  public void callFinished() {
    CALLS_FINISHED.incrementAndGet();
  }

  @Override
  public void creditsArrived() {}

  @Override
  public CampaignProgress progress() {
    return null;
  }
}
