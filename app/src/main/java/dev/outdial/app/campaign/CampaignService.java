package dev.outdial.app.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.campaign.CallQueue;
import dev.outdial.activities.campaign.CallingWindows;
import dev.outdial.activities.campaign.CampaignStates;
import dev.outdial.activities.campaign.DailyWindow;
import dev.outdial.app.agent.AgentRepository;
import dev.outdial.app.dispatch.Dispatcher;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.temporal.AfterCommit;
import dev.outdial.app.temporal.TemporalConnection;
import dev.outdial.app.user.EmailVerificationService;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.Cursor;
import dev.outdial.app.web.FieldError;
import dev.outdial.app.web.InvalidFieldsException;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import dev.outdial.workflows.campaign.CampaignWorkflow;
import dev.outdial.workflows.common.WorkflowIds;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns: a draft with its queue, then the state changes the seed allows ({@code draft,
 * scheduled, active, paused, completed, cancelled}).
 */
@Service
public class CampaignService {

  private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final CampaignRepository campaigns;
  private final AgentRepository agents;
  private final QuietHours quietHours;
  private final ObjectMapper json;
  private final Clock clock;
  private final Dispatcher dispatcher;
  private final CampaignWorkflows workflows;
  private final TemporalConnection temporal;
  private final CampaignStates states;
  private final CallQueue queue;
  private final EmailVerificationService verification;

  public CampaignService(
      JdbcClient jdbc,
      CampaignRepository campaigns,
      AgentRepository agents,
      QuietHours quietHours,
      ObjectMapper json,
      Clock clock,
      Dispatcher dispatcher,
      CampaignWorkflows workflows,
      TemporalConnection temporal,
      EmailVerificationService verification) {
    this.temporal = temporal;
    this.verification = verification;
    this.dispatcher = dispatcher;
    this.workflows = workflows;
    this.jdbc = jdbc;
    this.states = new CampaignStates(jdbc);
    this.queue = new CallQueue(jdbc);
    this.campaigns = campaigns;
    this.agents = agents;
    this.quietHours = quietHours;
    this.json = json;
    this.clock = clock;
  }

  record ContactRow(UUID id, String name, String phoneNumber, String userData, boolean doNotCall) {}

  @Transactional
  public Map<String, Object> create(CurrentUser caller, CreateCampaignRequest request) {
    ZoneId zone = zone(request.timezone());
    if (request.firstCallTime().equals(request.lastCallTime())) {
      throw invalid("last_call_time", "must differ from first_call_time");
    }
    if (request.endDate() != null && !request.endDate().isAfter(request.startDate())) {
      throw invalid("end_date", "must be after start_date");
    }
    var agent =
        agents
            .find(caller.id(), request.agentId())
            .orElseThrow(() -> ApiException.notFound("Agent"));
    UUID campaignId =
        jdbc.sql(
                """
                INSERT INTO call_campaigns (user_id, name, description, agent_id, next_action,
                  first_call_time, last_call_time, start_date, end_date, timezone, max_attempts,
                  retry_delay_minutes, retry_on_voicemail)
                VALUES (:userId, :name, :description, :agentId, :nextAction, :first, :last, :start,
                        :end, :timezone, :maxAttempts, :retryDelay, :retryOnVoicemail)
                RETURNING id
                """)
            .param("userId", caller.id())
            .param("name", request.name().strip())
            .param("description", request.description())
            .param("agentId", agent.id())
            .param("nextAction", request.nextAction())
            .param("first", java.sql.Time.valueOf(request.firstCallTime()))
            .param("last", java.sql.Time.valueOf(request.lastCallTime()))
            .param("start", java.sql.Date.valueOf(request.startDate()))
            .param(
                "end", request.endDate() == null ? null : java.sql.Date.valueOf(request.endDate()))
            .param("timezone", zone.getId())
            .param("maxAttempts", request.maxAttempts() == null ? 2 : request.maxAttempts())
            .param(
                "retryDelay",
                request.retryDelayMinutes() == null ? 60 : request.retryDelayMinutes())
            .param("retryOnVoicemail", Boolean.TRUE.equals(request.retryOnVoicemail()))
            .query(UUID.class)
            .single();
    int queued = fillQueue(caller.id(), campaignId, agent.id(), request, zone);
    jdbc.sql("UPDATE call_campaigns SET total_contacts = :total WHERE id = :id")
        .param("total", queued)
        .param("id", campaignId)
        .update();
    log.info("Campaign {} of user {} drafted with {} contacts", campaignId, caller.id(), queued);
    return view(caller, campaignId);
  }

  /** One queue row before it is written. */
  private static final int QUEUE_BATCH = 1000;

  /**
   * Queues the contacts in order, written a thousand rows per statement; do-not-call contacts and
   * ones with no window left are skipped.
   */
  private int fillQueue(
      UUID userId, UUID campaignId, UUID agentId, CreateCampaignRequest request, ZoneId zone) {
    List<ContactRow> contacts = contacts(userId, request.contactIds());
    DailyWindow window = new DailyWindow(request.firstCallTime(), request.lastCallTime());
    DailyWindow quiet = quietHours.current();
    Instant now = clock.instant();
    int queued = 0;
    int position = 0;
    List<CallQueue.NewItem> batch = new ArrayList<>(QUEUE_BATCH);
    for (ContactRow contact : contacts) {
      position++;
      ZoneId recipientZone = CallingWindows.recipientZone(contact.phoneNumber(), zone);
      Optional<Instant> opening =
          CallingWindows.nextOpening(
              now, recipientZone, window, request.startDate(), request.endDate(), quiet);
      String status = "queued";
      String reason = null;
      if (contact.doNotCall()) {
        status = "skipped";
        reason = "the contact asked not to be called";
      } else if (opening.isEmpty()) {
        status = "skipped";
        reason = "the campaign has no calling window left for this recipient";
      } else {
        queued++;
      }
      Map<String, Object> userData = new LinkedHashMap<>(read(contact.userData()));
      userData.put("name", contact.name());
      userData.put("next_action", request.nextAction());
      batch.add(
          new CallQueue.NewItem(
              contact.id(),
              contact.phoneNumber(),
              contact.name(),
              write(userData),
              status,
              position,
              opening.orElse(now),
              recipientZone.getId(),
              reason));
      if (batch.size() == QUEUE_BATCH) {
        queue.insert(userId, campaignId, agentId, batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      queue.insert(userId, campaignId, agentId, batch);
    }
    return queued;
  }

  private List<ContactRow> contacts(UUID userId, List<UUID> ids) {
    if (ids == null) {
      return jdbc.sql(
              "SELECT id, name, phone_number, user_data::text AS user_data, do_not_call FROM contacts"
                  + " WHERE user_id = :userId ORDER BY created_at, id")
          .param("userId", userId)
          .query(ContactRow.class)
          .list();
    }
    List<ContactRow> rows = new ArrayList<>();
    for (UUID id : new java.util.LinkedHashSet<>(ids)) {
      rows.add(
          jdbc.sql(
                  "SELECT id, name, phone_number, user_data::text AS user_data, do_not_call FROM contacts"
                      + " WHERE user_id = :userId AND id = :id")
              .param("userId", userId)
              .param("id", id)
              .query(ContactRow.class)
              .optional()
              .orElseThrow(() -> invalid("contact_ids", "contact " + id + " was not found")));
    }
    return rows;
  }

  @Transactional(readOnly = true)
  public Map<String, Object> view(CurrentUser caller, UUID id) {
    Map<String, Object> campaign =
        new LinkedHashMap<>(
            campaigns.find(caller.id(), id).orElseThrow(() -> ApiException.notFound("Campaign")));
    // A draft has no workflow yet; from its start on, operators find it under this id, and at
    // this address in Temporal Web UI when one is configured.
    String workflowId = "draft".equals(campaign.get("status")) ? null : WorkflowIds.campaign(id);
    campaign.put("workflow_id", workflowId);
    campaign.put("workflow_url", temporal.workflowUrl(workflowId));
    return campaign;
  }

  /** The caller's campaigns, newest first, a page at a time, each as {@link #view} shows it. */
  @Transactional(readOnly = true)
  public Page<Map<String, Object>> list(CurrentUser caller, PageRequest request) {
    Cursor after = request.cursor();
    Page<CampaignRepository.Listed> page =
        Cursor.page(
            campaigns.list(
                caller.id(),
                after == null ? null : after.at(),
                after == null ? null : after.id(),
                request.fetchSize()),
            request,
            listed -> new Cursor(listed.createdAt(), listed.id()));
    return new Page<>(
        page.items().stream().map(listed -> view(caller, listed.id())).toList(), page.nextCursor());
  }

  /**
   * A campaign's queue in calling order, {@code limit} items at a time; the cursor is the position
   * of the last item of the page before. Another user's campaign is 404.
   */
  @Transactional(readOnly = true)
  public Page<Map<String, Object>> queue(
      CurrentUser caller, UUID id, Integer limit, String cursor) {
    view(caller, id);
    PageRequest request = PageRequest.of(limit, null);
    int afterPosition = QueuePosition.decode(cursor);
    List<Map<String, Object>> rows =
        campaigns.queue(caller.id(), id, afterPosition, request.fetchSize());
    if (rows.size() <= request.limit()) {
      return new Page<>(rows, null);
    }
    List<Map<String, Object>> items = List.copyOf(rows.subList(0, request.limit()));
    return new Page<>(
        items, QueuePosition.encode((Integer) items.get(items.size() - 1).get("position")));
  }

  /** The owner's actions, in the order a page offers them. */
  private static final List<String> ACTIONS = List.of("start", "pause", "resume", "cancel");

  /** The statuses each owner's action may start from: the one table of the owner's changes. */
  private static final Map<String, Set<String>> ALLOWED_FROM =
      Map.of(
          "start", Set.of("draft"),
          "pause", Set.of("scheduled", "active"),
          "resume", Set.of("paused"),
          "cancel", Set.of("draft", "scheduled", "active", "paused"));

  /** What the owner may do with a campaign in {@code status}: the changes {@link #change} takes. */
  public static List<String> actions(String status) {
    return ACTIONS.stream().filter(action -> ALLOWED_FROM.get(action).contains(status)).toList();
  }

  /** A state change; an impossible one is a conflict that says why. */
  @Transactional
  public Map<String, Object> change(CurrentUser caller, UUID id, String action) {
    String status =
        jdbc.sql(
                "SELECT status FROM call_campaigns WHERE id = :id AND user_id = :userId FOR NO KEY UPDATE")
            .param("id", id)
            .param("userId", caller.id())
            .query(String.class)
            .optional()
            .orElseThrow(() -> ApiException.notFound("Campaign"));
    Set<String> allowed = ALLOWED_FROM.get(action);
    if (allowed == null) {
      throw ApiException.notFound("Action " + action);
    }
    if ("start".equals(action) || "resume".equals(action)) {
      // Starting and resuming lead to dialing, which needs a verified address where required.
      verification.requireVerified(caller);
    }
    if (!allowed.contains(status)) {
      throw ApiException.conflict("A " + status + " campaign cannot " + action);
    }
    String next =
        switch (action) {
          case "start", "resume" -> startStatus(id);
          case "pause" -> "paused";
          default -> "cancelled";
        };
    states.move(id, status, next, "paused by its owner", "its owner asked to " + action);
    if ("cancelled".equals(next)) {
      // Calls in progress finish and are billed; nothing else is dialed.
      queue.cancelQueued(id);
    }
    log.info("Campaign {} of user {}: {} -> {}", id, caller.id(), status, next);
    switch (action) {
      case "start" -> workflows.start(id);
      case "pause" -> workflows.signal(id, CampaignWorkflow::pause);
      case "resume" -> workflows.signal(id, CampaignWorkflow::resume);
      default -> {
        // A draft never had a workflow: there is nobody to tell.
        if (!"draft".equals(status)) {
          workflows.signal(id, CampaignWorkflow::cancel);
        }
      }
    }
    if ("active".equals(next)) {
      AfterCommit.run(dispatcher::wake);
    }
    return view(caller, id);
  }

  private String startStatus(UUID id) {
    record Start(LocalDate startDate, String timezone) {}
    Start start =
        jdbc.sql("SELECT start_date, timezone FROM call_campaigns WHERE id = :id")
            .param("id", id)
            .query(Start.class)
            .single();
    LocalDate today = clock.instant().atZone(ZoneId.of(start.timezone())).toLocalDate();
    return start.startDate().isAfter(today) ? "scheduled" : "active";
  }

  private static ZoneId zone(String timezone) {
    if (timezone == null || timezone.isBlank()) {
      return ZoneId.of("UTC");
    }
    try {
      return ZoneId.of(timezone.strip());
    } catch (DateTimeException e) {
      throw invalid(
          "timezone", "'" + timezone + "' is not an IANA time zone such as America/New_York");
    }
  }

  private static InvalidFieldsException invalid(String field, String message) {
    return new InvalidFieldsException(List.of(new FieldError(field, message)));
  }

  private Map<String, Object> read(String text) {
    try {
      return text == null ? Map.of() : json.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
