package dev.outdial.workflows.call;

import io.temporal.activity.ActivityInterface;
import java.util.UUID;

@ActivityInterface
public interface LeadActivities {

  /** Scores the call as a lead into lead_analytics; a second run replaces nothing. */
  void scoreCall(UUID callId);
}
