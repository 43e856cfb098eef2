package dev.outdial.workflows.campaign;

import dev.outdial.workflows.common.Signals;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

public class CampaignWorkflowImpl implements CampaignWorkflow {

  private static final Logger log = Workflow.getLogger(CampaignWorkflowImpl.class);

  /** Signals taken before continuing as new, whatever the rounds: a run takes at most 10,000. */
  static final int SIGNALS_PER_RUN = 1000;

  /**
   * History events after which a run continues as new: a signal that finds the workflow idle costs
   * ten events, so a thousand of them alone could pass Temporal's warning at 10,240.
   */
  static final int EVENTS_PER_RUN = 8_000;

  /**
   * The bound a campaign started today carries in its {@link CampaignRun}: a signal wakes the
   * workflow for every finished call, and each wake-up costs a pass over the run's history on the
   * Java test server (it copies the whole history into every workflow task), and a replay of it
   * after the run left a worker's cache on any server. A fourth of the old bound cuts both.
   */
  public static final int EVENTS_PER_NEW_RUN = 2_000;

  /**
   * The shortest time between two looks woken by signals. A look counts the campaign's queue (38 ms
   * at 100,000 items), and every finished call signals: at 25 calls a second the workflow looked
   * back to back. Now the signals of a second share one look; a look due to the clock is never
   * held.
   */
  static final Duration LOOK_GAP = Duration.ofSeconds(1);

  private final CampaignActivities activities =
      Workflow.newActivityStub(
          CampaignActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(1))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .build())
              .build());

  private boolean changed;
  private int signals;
  private CampaignProgress progress;

  @Override
  public void run(CampaignRun run) {
    // Runs recorded before the bound replay as they ran: by their rounds and signals alone.
    boolean boundedByEvents =
        Workflow.getVersion("continue-as-new-by-events", Workflow.DEFAULT_VERSION, 1) == 1;
    // And those recorded before looks were spaced, looking at every signal.
    boolean looksSpaced = Workflow.getVersion("looks-spaced", Workflow.DEFAULT_VERSION, 1) == 1;
    int eventsPerRun = run.eventsPerRun() > 0 ? run.eventsPerRun() : EVENTS_PER_RUN;
    long lastLook = Long.MIN_VALUE;
    for (int round = 0;
        round < run.roundsPerRun()
            && signals < SIGNALS_PER_RUN
            && !(boundedByEvents && Workflow.getInfo().getHistoryLength() >= eventsPerRun);
        round++) {
      if (looksSpaced && changed && lastLook != Long.MIN_VALUE) {
        long sinceLast = Workflow.currentTimeMillis() - lastLook;
        if (sinceLast < LOOK_GAP.toMillis()) {
          Workflow.sleep(Duration.ofMillis(LOOK_GAP.toMillis() - sinceLast));
        }
      }
      changed = false;
      lastLook = Workflow.currentTimeMillis();
      progress = activities.review(run.campaignId());
      if (progress.callable()) {
        Signals.wakeDispatcher();
      }
      if (progress.over()) {
        log.info("Campaign {} is {}; its workflow ends", run.campaignId(), progress.status());
        Workflow.await(Workflow::isEveryHandlerFinished);
        return;
      }
      Duration pause = run.pollInterval();
      if (progress.millisUntilNextChange() >= 0) {
        Duration untilChange = Duration.ofMillis(Math.max(1, progress.millisUntilNextChange()));
        pause = untilChange.compareTo(pause) < 0 ? untilChange : pause;
      }
      Workflow.await(pause, () -> changed);
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.continueAsNew(run);
  }

  private void look() {
    changed = true;
    signals++;
  }

  @Override
  public void pause() {
    look();
  }

  @Override
  public void resume() {
    look();
  }

  @Override
  public void cancel() {
    look();
  }

  @Override
  public void callFinished() {
    look();
  }

  @Override
  public void creditsArrived() {
    look();
  }

  @Override
  public CampaignProgress progress() {
    return progress;
  }
}
