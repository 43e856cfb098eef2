package dev.outdial.workflows.campaign;

import java.time.Duration;
import java.util.UUID;

/**
 * Carried across continue-as-new.
 *
 * @param pollInterval the longest pause between two looks at the campaign
 * @param roundsPerRun looks (or signals) before the history is cut by continuing as new
 * @param eventsPerRun history events after which a run continues as new, whatever its rounds and
 *     signals (0: {@link CampaignWorkflowImpl#EVENTS_PER_RUN})
 */
public record CampaignRun(
    UUID campaignId, Duration pollInterval, int roundsPerRun, int eventsPerRun) {

  public CampaignRun(UUID campaignId, Duration pollInterval, int roundsPerRun) {
    this(campaignId, pollInterval, roundsPerRun, 0);
  }

  /**
   * A new campaign's run: 500 looks, and at most {@link CampaignWorkflowImpl#EVENTS_PER_NEW_RUN}
   * events. (Runs started before that bound carry 0 and keep the older, longer one.)
   */
  public static CampaignRun of(UUID campaignId, Duration pollInterval) {
    return new CampaignRun(campaignId, pollInterval, 500, CampaignWorkflowImpl.EVENTS_PER_NEW_RUN);
  }
}
