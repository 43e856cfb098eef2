package dev.outdial.activities.lead;

import java.util.List;
import java.util.Map;

/**
 * A lead's scores (each 0–100), their levels, the tag, why, and the calls to action seen.
 *
 * @param reasoning for each dimension, the phrases that moved its score
 * @param ctaInteractions which calls to action happened (demo_booked, pricing_asked, ...)
 */
public record LeadScore(
    String intentLevel,
    int intentScore,
    String urgencyLevel,
    int urgencyScore,
    String budgetConstraint,
    int budgetScore,
    String fitAlignment,
    int fitScore,
    String engagementHealth,
    int engagementScore,
    int totalScore,
    String leadStatusTag,
    Map<String, List<String>> reasoning,
    Map<String, Boolean> ctaInteractions) {

  public boolean doNotCall() {
    return Boolean.TRUE.equals(ctaInteractions.get("do_not_call"));
  }
}
