package dev.outdial.workflows.campaign;

import java.time.Duration;
import java.util.UUID;

/**
 * Carried across continue-as-new.
 *
 * @param pollInterval the longest pause between two looks at the campaign
 * @param roundsPerRun looks (or signals) before the history is cut by continuing as new
 */
public record CampaignRun(UUID campaignId, Duration pollInterval, int roundsPerRun) {

  public static CampaignRun of(UUID campaignId, Duration pollInterval) {
    return new CampaignRun(campaignId, pollInterval, 500);
  }
}
