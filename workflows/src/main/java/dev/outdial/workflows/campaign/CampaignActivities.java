package dev.outdial.workflows.campaign;

import io.temporal.activity.ActivityInterface;
import java.util.UUID;

@ActivityInterface
public interface CampaignActivities {

  /**
   * Looks at the campaign and applies what time and its queue call for, in one transaction: active
   * on the start date, paused while the owner has no credits and active again when they are back,
   * queued items skipped once the end date has passed for their recipient, completed when nothing
   * is queued or being called, queued items of a cancelled campaign cancelled. Safe to repeat.
   */
  CampaignProgress review(UUID campaignId);
}
