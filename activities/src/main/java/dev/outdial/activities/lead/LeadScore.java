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

  /** The calls to action every score reports, each true or false. */
  public static final List<String> CALLS_TO_ACTION =
      List.of(
          "demo_booked", "pricing_asked", "callback_requested", "not_interested", "do_not_call");

  /** high from 70, medium from 40, else low. */
  public static String level(int score) {
    return score >= 70 ? "high" : score >= 40 ? "medium" : "low";
  }

  /** Hot from 70, Warm from 40, else Cold. */
  public static String tag(int totalScore) {
    return totalScore >= 70 ? "Hot" : totalScore >= 40 ? "Warm" : "Cold";
  }

  public boolean doNotCall() {
    return Boolean.TRUE.equals(ctaInteractions.get("do_not_call"));
  }
}
