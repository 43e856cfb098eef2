package dev.outdial.app.dashboard;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * How a campaign went: its progress and average duration (the seed's queries as written), every
 * call made for it (retries included) by outcome, the answer rate by the hour the recipient was
 * called in their own time zone, how many attempts its queue items took, the credits it spent and
 * its leads by tag.
 */
public record CampaignAnalyticsView(
    UUID campaignId,
    String status,
    Progress progress,
    BigDecimal avgDurationSeconds,
    Outcomes outcomes,
    int minutes,
    int creditsUsed,
    List<HourOfDay> answerRateByHour,
    List<Attempts> attempts,
    List<LeadTag> leadsByTag) {

  /** The seed's "Get Campaign Progress". */
  public record Progress(
      int totalContacts,
      int completedCalls,
      int successfulCalls,
      int failedCalls,
      BigDecimal progressPercentage) {}

  /**
   * Calls by how they ended, like calls-per-day; {@code in_progress} are still going.
   *
   * @param failed every other end without a conversation (failed, unknown, ...)
   */
  public record Outcomes(
      int calls, int answered, int busy, int noAnswer, int voicemail, int failed, int inProgress) {}

  /**
   * The calls placed in one recipient-local hour (0–23) and the share answered, in percent; hours
   * nobody was called in are left out.
   */
  public record HourOfDay(int hour, int calls, int answered, BigDecimal answerRate) {}

  /** How many queue items took {@code attempts} attempts so far, and how they stand. */
  public record Attempts(
      int attempts, int items, int completed, int failed, int queued, int other) {}

  /** The campaign's scored calls with one {@code lead_status_tag}. */
  public record LeadTag(String leadStatusTag, int leads, BigDecimal avgTotalScore) {}
}
