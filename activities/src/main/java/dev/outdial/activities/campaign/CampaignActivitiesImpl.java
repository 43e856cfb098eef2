package dev.outdial.activities.campaign;

import dev.outdial.workflows.campaign.CampaignActivities;
import dev.outdial.workflows.campaign.CampaignProgress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A campaign's states that follow from time, credits and its queue. */
public class CampaignActivitiesImpl implements CampaignActivities {

  private static final Logger log = LoggerFactory.getLogger(CampaignActivitiesImpl.class);

  /** The pause reason of a campaign whose owner ran out of credits. */
  public static final String NO_CREDITS = "the owner has no credits left";

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final CampaignStates states;
  private final CallQueue queue;

  public CampaignActivitiesImpl(
      JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock) {
    this.jdbc = jdbc;
    this.states = new CampaignStates(jdbc);
    this.queue = new CallQueue(jdbc);
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  record Campaign(
      String status,
      String pausedReason,
      LocalDate startDate,
      LocalDate endDate,
      String timezone,
      int totalContacts,
      int credits) {}

  record Counts(int queued, int processing, int finished) {}

  @Override
  public CampaignProgress review(UUID campaignId) {
    return transaction.execute(status -> reviewLocked(campaignId, clock.instant()));
  }

  private CampaignProgress reviewLocked(UUID id, Instant now) {
    Optional<Campaign> found =
        jdbc.sql(
                """
                SELECT c.status, c.paused_reason, c.start_date, c.end_date, c.timezone,
                       c.total_contacts,
                       u.credits
                FROM call_campaigns c JOIN users u ON u.id = c.user_id
                WHERE c.id = :id
                FOR NO KEY UPDATE OF c
                """)
            .param("id", id)
            .query(Campaign.class)
            .optional();
    if (found.isEmpty()) {
      return new CampaignProgress(CampaignProgress.MISSING, 0, 0, 0, 0, false, -1);
    }
    Campaign campaign = found.get();
    String status = campaign.status();
    boolean callable = false;
    ZoneId zone = ZoneId.of(campaign.timezone());

    if (status.equals("scheduled")
        && !campaign.startDate().isAfter(now.atZone(zone).toLocalDate())) {
      status = set(id, status, "active", null, "the start date has come");
      callable = true;
    }
    skipItemsPastTheEndDate(id, now);
    Counts counts = counts(id);
    if (status.equals("active") && campaign.credits() < 1 && counts.queued() > 0) {
      status = set(id, status, "paused", NO_CREDITS, NO_CREDITS);
    } else if (status.equals("paused")
        && NO_CREDITS.equals(campaign.pausedReason())
        && campaign.credits() >= 1) {
      status = set(id, status, "active", null, "credits arrived");
      callable = true;
    }
    if (status.equals("cancelled") && counts.queued() > 0) {
      queue.cancelQueued(id);
      counts = counts(id);
    }
    boolean drained = counts.queued() == 0 && counts.processing() == 0;
    if (drained && status.equals("active")) {
      status = set(id, status, "completed", null, "no item is queued or being called");
    } else if (drained
        && status.equals("paused")
        && campaign.endDate() != null
        && !now.atZone(zone).toLocalDate().isBefore(campaign.endDate())) {
      status = set(id, status, "completed", null, "its end date came while it was paused");
    }
    long untilStart = -1;
    if (status.equals("scheduled")) {
      Instant start = campaign.startDate().atStartOfDay(zone).toInstant();
      untilStart = Math.max(0, start.toEpochMilli() - now.toEpochMilli());
    }
    return new CampaignProgress(
        status,
        counts.queued(),
        counts.processing(),
        counts.finished(),
        campaign.totalContacts(),
        callable,
        untilStart);
  }

  private String set(UUID id, String from, String to, String pausedReason, String why) {
    states.move(id, from, to, pausedReason, why);
    return to;
  }

  /**
   * Calling happens only on days before the end date, in the recipient's zone; a window that
   * crosses midnight may run into the end date until its last call time.
   */
  private void skipItemsPastTheEndDate(UUID id, Instant now) {
    int skipped = queue.skipPastEndDate(id, now);
    if (skipped > 0) {
      log.info("Campaign {}: {} item(s) skipped, the end date has passed", id, skipped);
    }
  }

  /**
   * An answered call's item is final before the call is billed and scored, the last of which is
   * scoring; until then the item still counts as being called, so that a campaign is over only when
   * its numbers are. Looked for only once nothing else is queued or called: it costs a join.
   */
  private Counts counts(UUID id) {
    Counts counts =
        jdbc.sql(
                """
                SELECT count(*) FILTER (WHERE status = 'queued') AS queued,
                       count(*) FILTER (WHERE status = 'processing') AS processing,
                       count(*) FILTER (WHERE status NOT IN ('queued', 'processing')) AS finished
                FROM call_queue WHERE campaign_id = :id
                """)
            .param("id", id)
            .query(Counts.class)
            .single();
    if (counts.queued() > 0 || counts.processing() > 0) {
      return counts;
    }
    int unscored =
        jdbc.sql(
                """
                SELECT count(*) FROM call_queue q JOIN calls c ON c.id = q.call_id
                WHERE q.campaign_id = :id AND c.status = 'completed'
                  AND NOT EXISTS (SELECT 1 FROM lead_analytics l WHERE l.call_id = c.id)
                """)
            .param("id", id)
            .query(Integer.class)
            .single();
    return new Counts(0, unscored, counts.finished() - unscored);
  }
}
