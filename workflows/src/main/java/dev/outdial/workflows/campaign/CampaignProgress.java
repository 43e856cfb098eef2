package dev.outdial.workflows.campaign;

/**
 * A campaign as one review left it.
 *
 * @param status the seed's campaign status, or {@code missing} when the campaign was deleted
 * @param callable true when this review made the campaign active (start date reached, credits
 *     back), so the dispatcher should look at it now
 * @param millisUntilNextChange how long until time alone changes the campaign (the start date), or
 *     -1
 */
public record CampaignProgress(
    String status,
    int queued,
    int processing,
    int finished,
    int total,
    boolean callable,
    long millisUntilNextChange) {

  public static final String MISSING = "missing";

  /** Nothing more will happen: completed, or cancelled with no call left in progress. */
  public boolean over() {
    return MISSING.equals(status)
        || "completed".equals(status)
        || ("cancelled".equals(status) && processing == 0);
  }
}
