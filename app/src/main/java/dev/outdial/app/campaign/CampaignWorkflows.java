package dev.outdial.app.campaign;

import dev.outdial.activities.campaign.CampaignActivitiesImpl;
import dev.outdial.activities.dispatch.WorkflowStarts;
import dev.outdial.app.temporal.AfterCommit;
import dev.outdial.app.temporal.RecoveryPass;
import dev.outdial.app.temporal.WorkerProperties;
import dev.outdial.workflows.campaign.CampaignRun;
import dev.outdial.workflows.campaign.CampaignWorkflow;
import dev.outdial.workflows.common.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts and signals the campaigns' workflows ({@code campaign-<id>}), always after the change in
 * Postgres has committed, and keeps one running for every started campaign that is not over (also
 * after Temporal lost its state, as the embedded server does on restart). A start or signal that
 * fails loses nothing: Postgres has the change, and the workflow looks at it on its next round.
 */
@Component
public class CampaignWorkflows {

  private static final Logger log = LoggerFactory.getLogger(CampaignWorkflows.class);

  private final WorkflowClient temporal;
  private final JdbcClient jdbc;
  private final WorkerProperties workers;
  private final Duration pollInterval;

  public CampaignWorkflows(
      WorkflowClient temporal,
      JdbcClient jdbc,
      WorkerProperties workers,
      @Value("${outdial.campaign.poll-interval:60s}") Duration pollInterval) {
    this.temporal = temporal;
    this.jdbc = jdbc;
    this.workers = workers;
    this.pollInterval = pollInterval;
  }

  /** Starts the campaign's workflow once the transaction commits; a running one is kept. */
  public void start(UUID campaignId) {
    AfterCommit.run(() -> startNow(campaignId));
  }

  /** Tells the campaign's workflow of the owner's change once the transaction commits. */
  public void signal(UUID campaignId, Consumer<CampaignWorkflow> signal) {
    AfterCommit.run(() -> signalNow(campaignId, signal));
  }

  private void signalNow(UUID campaignId, Consumer<CampaignWorkflow> signal) {
    try {
      signal.accept(
          temporal.newWorkflowStub(CampaignWorkflow.class, WorkflowIds.campaign(campaignId)));
    } catch (WorkflowNotFoundException e) {
      startNow(campaignId);
    } catch (RuntimeException e) {
      log.warn("Campaign {} not signalled: {}", campaignId, e.getMessage());
    }
  }

  /** Credits went up: campaigns that paused for the lack of them look again. */
  public void creditsArrived(UUID userId) {
    AfterCommit.run(
        () -> {
          List<UUID> waiting =
              jdbc.sql(
                      """
                      SELECT id FROM call_campaigns
                      WHERE user_id = :userId AND status = 'paused' AND paused_reason = :reason
                      """)
                  .param("userId", userId)
                  .param("reason", CampaignActivitiesImpl.NO_CREDITS)
                  .query(UUID.class)
                  .list();
          // Already after the commit: a synchronization registered now would never run.
          waiting.forEach(id -> signalNow(id, CampaignWorkflow::creditsArrived));
        });
  }

  /** Every started campaign that is not over has its workflow. */
  @Scheduled(
      initialDelayString = "2s",
      fixedDelayString = "${outdial.dispatch.ensure-interval:30s}")
  public void ensureRunning() {
    if (!workers.enabled()) {
      return;
    }
    RecoveryPass.run(
        "campaign workflows",
        () ->
            jdbc.sql(
                    "SELECT id FROM call_campaigns WHERE status IN ('scheduled', 'active', 'paused')"
                        + " OR (status = 'cancelled' AND EXISTS (SELECT 1 FROM call_queue q"
                        + " WHERE q.campaign_id = call_campaigns.id AND q.status = 'processing'))")
                .query(UUID.class)
                .list(),
        campaign -> campaign,
        this::startNow);
  }

  private void startNow(UUID campaignId) {
    try {
      if (WorkflowStarts.start(
          temporal,
          CampaignWorkflow.class,
          WorkflowIds.campaign(campaignId),
          workflow ->
              WorkflowClient.start(workflow::run, CampaignRun.of(campaignId, pollInterval)))) {
        log.info("Campaign workflow {} started", WorkflowIds.campaign(campaignId));
      }
    } catch (RuntimeException e) {
      log.warn("Campaign workflow of {} not started yet: {}", campaignId, e.getMessage());
    }
  }
}
