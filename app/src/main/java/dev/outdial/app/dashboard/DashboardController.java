package dev.outdial.app.dashboard;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import dev.outdial.app.web.PathIds;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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

  private final DashboardService dashboards;

  DashboardController(DashboardService dashboards) {
    this.dashboards = dashboards;
  }

  @GetMapping("/api/dashboard/kpis")
  KpiView kpis(@AuthenticationPrincipal CurrentUser caller) {
    return dashboards.kpis(caller);
  }

  /** The whole platform ({@code /api/admin/**} is for administrators). */
  @GetMapping("/api/admin/kpis")
  PlatformKpiView platformKpis() {
    return dashboards.platformKpis();
  }

  /**
   * {@code agent_analytics} per agent and day, by day then agent, in pages; the last 30 days unless
   * asked otherwise.
   */
  @GetMapping("/api/dashboard/agents")
  Page<AgentDayView> agents(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return dashboards.agentDays(caller, from, to, PageRequest.of(limit, cursor));
  }

  /**
   * Calls per day in the caller's zone ({@code tz}, default UTC), by outcome, with minutes, credits
   * and the average lead score; the last 30 days unless asked otherwise.
   */
  @GetMapping("/api/dashboard/calls-per-day")
  Page<CallDayView> callsPerDay(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @RequestParam(required = false) String tz,
      @RequestParam(name = "agent_id", required = false) UUID agentId,
      @RequestParam(name = "campaign_id", required = false) UUID campaignId) {
    return new Page<>(dashboards.callsPerDay(caller, from, to, tz, agentId, campaignId), null);
  }

  /** How the caller's campaign went; another user's campaign is 404. */
  @GetMapping("/api/campaigns/" + PathIds.ID + "/analytics")
  CampaignAnalyticsView campaignAnalytics(
      @AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
    return dashboards.campaignAnalytics(caller, id);
  }

  /**
   * Recounts {@code agent_analytics} and {@code call_activity} from {@code from} to {@code to} (UTC
   * days, both included) from the calls and their leads, for every user (administrators): what the
   * dashboards show after an outage or a correction of calls.
   */
  @PostMapping("/api/admin/analytics/rebuild")
  DashboardService.AnalyticsRebuilt rebuildAnalytics(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return dashboards.rebuild(caller, from, to);
  }
}
