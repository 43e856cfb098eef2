package dev.outdial.activities.dispatch;

import dev.outdial.activities.billing.CreditsPerMinute;
import dev.outdial.activities.campaign.CallingWindows;
import dev.outdial.activities.campaign.DailyWindow;
import dev.outdial.activities.metrics.PlatformMetrics;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one gate every {@code POST /call} passes, at the moment of dialing: campaign item, one-off
 * call, retry, or a call restarted by recovery. It runs inside the transaction that records the
 * attempt's intent, under a platform-wide lock, and checks at that instant:
 *
 * <ol>
 *   <li>the campaign is still {@code active};
 *   <li>the number is on no do-not-call list (the tenant's, the platform's, the contact's flag);
 *   <li>the owner has a credit left once the calls that ended and are not billed yet are paid;
 *   <li>the recipient's local window and the platform quiet hours, in every zone the number may be
 *       in;
 *   <li>a slot under the user's, the platform's and the provider's concurrency;
 *   <li>the pace toward the provider, shared by every worker.
 * </ol>
 *
 * Allocation may look ahead; only the gate decides. A refusal never dials: it waits, moves the call
 * to its next allowed instant, or closes it with a reason.
 */
public class DialGate {

  private static final Logger log = LoggerFactory.getLogger(DialGate.class);

  /** Serialises gate decisions across workers, so two dials cannot both take the last slot. */
  private static final long LOCK_KEY = 0x0ed1a2L;

  /** Where the provider's request for a slower pace is kept, for every worker to see. */
  static final String PACE_KEY = "bolna_pace";

  private static final Duration SLOT_RETRY = Duration.ofSeconds(10);
  private static final Duration MAX_SLOW_DOWN = Duration.ofMinutes(2);

  /**
   * One dial to decide on.
   *
   * @param queueItemId the campaign item, or null for a call outside campaigns
   * @param holdsSlot whether the allocator gave the call a slot (a campaign item); refused for a
   *     slot, such a call gives it back to the queue, while one that holds none waits
   */
  public record Dial(
      UUID userId,
      UUID contactId,
      UUID queueItemId,
      UUID campaignId,
      String phoneNumber,
      boolean holdsSlot) {}

  /** What the gate decided. */
  public sealed interface Decision {
    String reason();
  }

  /** Dial now. */
  public record Pass() implements Decision {
    @Override
    public String reason() {
      return null;
    }
  }

  /** Keep the slot and ask again after a while (pacing, or a one-off call waiting for a slot). */
  public record Wait(Duration retryAfter, String reason) implements Decision {}

  /** Give the slot back: the call goes back to its queue, due again at {@code at}. */
  public record Requeue(Instant at, String reason) implements Decision {}

  /** The call will not happen: its item ends with {@code status} ({@code skipped}, ...). */
  public record Close(String status, String reason) implements Decision {}

  private final JdbcClient jdbc;
  private final CallSlots slots;
  private final Supplier<DailyWindow> quietHours;
  private final int callsPerMinute;
  private final CreditsPerMinute rate;
  private final Clock clock;

  public DialGate(
      JdbcClient jdbc,
      Supplier<DailyWindow> quietHours,
      int callsPerMinute,
      CreditsPerMinute rate,
      Clock clock) {
    this.jdbc = jdbc;
    this.slots = new CallSlots(jdbc);
    this.quietHours = quietHours;
    this.callsPerMinute = callsPerMinute;
    this.rate = rate;
    this.clock = clock;
  }

  record Campaign(
      String status,
      LocalTime firstCallTime,
      LocalTime lastCallTime,
      LocalDate startDate,
      LocalDate endDate,
      String timezone) {}

  /** Decides on one dial. Must run inside the transaction that records the attempt's intent. */
  public Decision check(Dial dial) {
    jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().listOfRows();
    Instant now = clock.instant();
    Verdict verdict = decide(dial, now);
    if (!(verdict.decision() instanceof Pass)) {
      log.info(
          "Gate refused the call to {} (user {}, item {}) at its {} check: {}",
          dial.phoneNumber(),
          dial.userId(),
          dial.queueItemId(),
          verdict.check(),
          verdict.decision());
      PlatformMetrics.gateRefused(verdict.check());
    }
    return verdict.decision();
  }

  /** A decision and the check that made it, for the log and the refusal counts. */
  private record Verdict(String check, Decision decision) {}

  private Verdict decide(Dial dial, Instant now) {
    Optional<Campaign> campaign = campaign(dial.campaignId());
    if (campaign.isPresent()) {
      String status = campaign.get().status();
      if ("cancelled".equals(status) || "completed".equals(status)) {
        return new Verdict(
            "campaign",
            new Close("cancelled", "the campaign was " + status + " before the call was placed"));
      }
      if (!"active".equals(status)) {
        return new Verdict("campaign", new Requeue(now, "the campaign is " + status));
      }
    }
    Optional<String> doNotCall = doNotCall(dial);
    if (doNotCall.isPresent()) {
      return new Verdict("do_not_call", new Close("skipped", doNotCall.get()));
    }
    if (!hasCredit(dial.userId())) {
      return new Verdict(
          "credits",
          dial.campaignId() != null
              ? new Requeue(now, "waiting for credits")
              : new Close("skipped", "no credits left"));
    }
    Decision window = window(dial, campaign, now);
    if (window != null) {
      return new Verdict("window", window);
    }
    Decision slot = slot(dial, now);
    if (slot != null) {
      return new Verdict("slot", slot);
    }
    return new Verdict("pace", pace(now));
  }

  private Optional<Campaign> campaign(UUID campaignId) {
    if (campaignId == null) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            SELECT status, first_call_time, last_call_time, start_date, end_date, timezone
            FROM call_campaigns WHERE id = :id
            """)
        .param("id", campaignId)
        .query(Campaign.class)
        .optional();
  }

  private Optional<String> doNotCall(Dial dial) {
    if (dial.contactId() != null
        && jdbc.sql("SELECT do_not_call FROM contacts WHERE id = :id")
            .param("id", dial.contactId())
            .query(Boolean.class)
            .optional()
            .orElse(false)) {
      return Optional.of("the contact asked not to be called again");
    }
    record Listed(UUID userId, String reason) {}
    return jdbc.sql(
            """
            SELECT user_id, reason FROM do_not_call_numbers
            WHERE phone_number = :phone AND (user_id = :userId OR user_id IS NULL)
            ORDER BY user_id NULLS FIRST
            LIMIT 1
            """)
        .param("phone", dial.phoneNumber())
        .param("userId", dial.userId())
        .query(Listed.class)
        .optional()
        .map(
            listed ->
                "the number is on "
                    + (listed.userId() == null ? "the platform's" : "the account's")
                    + " do-not-call list"
                    + (listed.reason() == null || listed.reason().isBlank()
                        ? ""
                        : " (" + listed.reason() + ")"));
  }

  /**
   * Whether the owner is active and has at least one credit after paying for the calls that ended
   * billable and are not debited yet. A call frees its slot when it is finalized and is billed a
   * moment later; without counting what it owes, the next dial would pass on credits it spends.
   */
  public boolean hasCredit(UUID userId) {
    return jdbc.sql(
            """
            SELECT u.credits - :creditsPerMinute * COALESCE(
                     (SELECT sum(c.duration_minutes) FROM calls c
                      WHERE c.user_id = u.id
                        AND c.duration_seconds > 0
                        AND c.credits_used = 0
                        AND NOT EXISTS (SELECT 1 FROM credit_transactions t
                                        WHERE t.type = 'usage' AND t.call_id = c.id)), 0) >= 1
            FROM users u WHERE u.id = :id AND u.is_active
            """)
        .param("creditsPerMinute", rate.creditsPerMinute())
        .param("id", userId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  /** The recipient's window and the quiet hours, in every zone the number may be in. */
  private Decision window(Dial dial, Optional<Campaign> campaign, Instant now) {
    ZoneId fallback = campaign.map(c -> ZoneId.of(c.timezone())).orElse(ZoneOffset.UTC);
    List<ZoneId> zones = CallingWindows.recipientZones(dial.phoneNumber(), fallback);
    Optional<Instant> opening =
        CallingWindows.nextOpening(
            now,
            zones,
            campaign.map(c -> new DailyWindow(c.firstCallTime(), c.lastCallTime())).orElse(null),
            campaign.map(Campaign::startDate).orElse(null),
            campaign.map(Campaign::endDate).orElse(null),
            quietHours.get());
    if (opening.isEmpty()) {
      return new Close(
          "skipped",
          "no instant is left inside the calling window and outside quiet hours in "
              + describe(zones));
    }
    if (opening.get().isAfter(now)) {
      return new Requeue(
          opening.get(),
          "outside the recipient's calling hours in "
              + describe(zones)
              + "; next allowed at "
              + opening.get());
    }
    return null;
  }

  private Decision slot(Dial dial, Instant now) {
    int userDialed = slots.dialed(dial.userId());
    int userLimit = slots.userLimit(dial.userId());
    String reason = null;
    if (userDialed + 1 > userLimit) {
      reason = "the account has " + userDialed + " calls in progress, its limit is " + userLimit;
    } else {
      int platformDialed = slots.dialed(null);
      int platformLimit = slots.platformLimit();
      if (platformDialed + 1 > platformLimit) {
        reason =
            "the platform has "
                + platformDialed
                + " calls in progress, its limit is "
                + platformLimit;
      }
    }
    if (reason == null) {
      return null;
    }
    // An allocated item gives its slot back and queues again; a call that holds none waits.
    return dial.holdsSlot() ? new Requeue(now, reason) : new Wait(SLOT_RETRY, reason);
  }

  private Decision pace(Instant now) {
    Optional<Instant> slowedUntil =
        jdbc.sql("SELECT (value ->> 'slowed_until')::bigint FROM system_config WHERE key = :key")
            .param("key", PACE_KEY)
            .query(Long.class)
            .optional()
            .map(Instant::ofEpochMilli);
    if (slowedUntil.isPresent() && slowedUntil.get().isAfter(now)) {
      return new Wait(
          Duration.between(now, slowedUntil.get()), "Bolna asked for a slower pace (429)");
    }
    record Recent(int count, Timestamp oldest) {}
    Recent recent =
        jdbc.sql(
                """
                SELECT count(*) AS count, min(created_at) AS oldest FROM call_attempts
                WHERE created_at > CAST(:since AS timestamptz)
                """)
            .param("since", Timestamp.from(now.minus(Duration.ofMinutes(1))))
            .query(Recent.class)
            .single();
    if (recent.count() >= callsPerMinute) {
      Instant free = recent.oldest().toInstant().plus(Duration.ofMinutes(1));
      return new Wait(
          Duration.between(now, free).plusMillis(50),
          "pacing: " + callsPerMinute + " calls per minute toward Bolna");
    }
    return new Pass();
  }

  /**
   * Bolna answered 429: every worker slows down, longer with each 429 in a row. Runs in its own
   * short transaction.
   */
  public Duration slowDown() {
    Instant now = clock.instant();
    int streak =
        jdbc.sql(
                    "SELECT COALESCE((value ->> 'streak')::int, 0) FROM system_config WHERE key = :key")
                .param("key", PACE_KEY)
                .query(Integer.class)
                .optional()
                .orElse(0)
            + 1;
    Duration pause = Duration.ofSeconds(1L << Math.min(streak - 1, 7));
    if (pause.compareTo(MAX_SLOW_DOWN) > 0) {
      pause = MAX_SLOW_DOWN;
    }
    jdbc.sql(
            """
            INSERT INTO system_config (key, value)
            VALUES (:key, jsonb_build_object('slowed_until', :until, 'streak', :streak))
            ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
            """)
        .param("key", PACE_KEY)
        .param("until", now.plus(pause).toEpochMilli())
        .param("streak", streak)
        .update();
    log.warn("Bolna answered 429 ({} in a row): every worker waits {}", streak, pause);
    return pause;
  }

  /** A call went through: a slow-down that was asked for is over. */
  public void paceRecovered() {
    jdbc.sql(
            """
            DELETE FROM system_config WHERE key = :key
              AND (value ->> 'slowed_until')::bigint <= :now
            """)
        .param("key", PACE_KEY)
        .param("now", clock.millis())
        .update();
  }

  private static String describe(List<ZoneId> zones) {
    return zones.size() == 1 ? zones.get(0).getId() : "every one of " + zones;
  }
}
