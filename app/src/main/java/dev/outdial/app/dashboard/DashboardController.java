package dev.outdial.app.dashboard;

import dev.outdial.activities.dashboard.AgentAnalytics;
import dev.outdial.activities.dashboard.CallActivity;
import dev.outdial.activities.dashboard.Rebuilt;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.Cursor;
import dev.outdial.app.web.FieldError;
import dev.outdial.app.web.InvalidFieldsException;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dashboard reads: the caller's {@code user_kpi} row, and the platform's for administrators. The
 * view is refreshed every few seconds when something changed ({@link KpiRefreshSchedule}).
 */
@RestController
class DashboardController {

  private static final Logger log = LoggerFactory.getLogger(DashboardController.class);

  /** The longest range one request reads, in days. */
  static final int MAX_DAYS = 366;

  private final DashboardRepository dashboards;
  private final Clock clock;
  private final AgentAnalytics agentAnalytics;
  private final CallActivity callActivity;
  private final PlatformTransactionManager transactions;

  DashboardController(
      DashboardRepository dashboards,
      Clock clock,
      JdbcClient jdbc,
      PlatformTransactionManager transactions) {
    this.dashboards = dashboards;
    this.clock = clock;
    this.agentAnalytics = new AgentAnalytics(jdbc);
    this.callActivity = new CallActivity(jdbc);
    this.transactions = transactions;
  }

  @GetMapping("/api/dashboard/kpis")
  @Transactional(readOnly = true)
  KpiView kpis(@AuthenticationPrincipal CurrentUser caller) {
    // A user who signed up after the last refresh has no row yet: nothing counted so far.
    return dashboards.kpis(caller.id()).orElseGet(() -> KpiView.empty(caller.id()));
  }

  /** The whole platform ({@code /api/admin/**} is for administrators). */
  @GetMapping("/api/admin/kpis")
  @Transactional(readOnly = true)
  PlatformKpiView platformKpis() {
    return dashboards.platformKpis();
  }

  /**
   * {@code agent_analytics} per agent and day, by day then agent, in pages; the last 30 days unless
   * asked otherwise.
   */
  @GetMapping("/api/dashboard/agents")
  @Transactional(readOnly = true)
  Page<AgentDayView> agents(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    Range range = range(from, to, ZoneOffset.UTC);
    PageRequest page = PageRequest.of(limit, cursor);
    Cursor after = page.cursor();
    List<AgentDayView> rows =
        dashboards.agentDays(
            caller.id(),
            range.from(),
            range.to(),
            after == null ? null : LocalDate.ofInstant(after.at(), ZoneOffset.UTC),
            after == null ? null : after.id(),
            page.fetchSize());
    return Cursor.page(
        rows,
        page,
        day ->
            new Cursor(day.metricDate().atStartOfDay(ZoneOffset.UTC).toInstant(), day.agentId()));
  }

  /**
   * Calls per day in the caller's zone ({@code tz}, default UTC), by outcome, with minutes, credits
   * and the average lead score; the last 30 days unless asked otherwise.
   */
  @GetMapping("/api/dashboard/calls-per-day")
  @Transactional(readOnly = true)
  Page<CallDayView> callsPerDay(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String tz,
      @RequestParam(name = "agent_id", required = false) UUID agentId,
      @RequestParam(name = "campaign_id", required = false) UUID campaignId) {
    ZoneId zone = zone(tz);
    Range range = range(from, to, zone);
    return new Page<>(
        dashboards.callDays(caller.id(), range.from(), range.to(), zone, agentId, campaignId),
        null);
  }

  /** How the caller's campaign went; another user's campaign is 404. */
  @GetMapping("/api/campaigns/{id}/analytics")
  @Transactional(readOnly = true)
  CampaignAnalyticsView campaignAnalytics(
      @AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
    return dashboards
        .campaignAnalytics(caller.id(), id)
        .orElseThrow(() -> ApiException.notFound("Campaign"));
  }

  /** What a rebuild corrected in one table: rows written or changed, and rows removed. */
  record Corrected(int rows, int removed) {}

  /** What a rebuild did, per table it recounts. */
  record AnalyticsRebuilt(
      LocalDate from, LocalDate to, int days, Corrected agentAnalytics, Corrected callActivity) {}

  /**
   * Recounts {@code agent_analytics} and {@code call_activity} from {@code from} to {@code to} (UTC
   * days, both included) from the calls and their leads, for every user (administrators): what the
   * dashboards show after an outage or a correction of calls. Rows that were right are left as they
   * are.
   */
  @PostMapping("/api/admin/analytics/rebuild")
  AnalyticsRebuilt rebuildAnalytics(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    Range range = range(from, to, ZoneOffset.UTC);
    log.info(
        "{} rebuilds agent_analytics and call_activity from {} to {}",
        caller.id(),
        range.from(),
        range.to());
    Rebuilt agents = agentAnalytics.rebuild(range.from(), range.to(), transactions);
    Rebuilt activity = callActivity.rebuild(range.from(), range.to(), transactions);
    return new AnalyticsRebuilt(
        range.from(),
        range.to(),
        agents.days(),
        new Corrected(agents.rows(), agents.removed()),
        new Corrected(activity.rows(), activity.removed()));
  }

  record Range(LocalDate from, LocalDate to) {}

  private Range range(LocalDate from, LocalDate to, ZoneId zone) {
    LocalDate end = to != null ? to : LocalDate.now(clock.withZone(zone));
    LocalDate start = from != null ? from : end.minusDays(29);
    if (start.isAfter(end)) {
      throw new InvalidFieldsException(List.of(new FieldError("from", "must not be after to")));
    }
    if (start.plusDays(MAX_DAYS).isBefore(end.plusDays(1))) {
      throw new InvalidFieldsException(
          List.of(new FieldError("from", "the range is at most " + MAX_DAYS + " days")));
    }
    return new Range(start, end);
  }

  private static ZoneId zone(String tz) {
    if (tz == null || tz.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(tz.strip());
    } catch (DateTimeException e) {
      throw new InvalidFieldsException(
          List.of(
              new FieldError("tz", "'" + tz + "' is not an IANA time zone such as Asia/Kolkata")));
    }
  }
}
