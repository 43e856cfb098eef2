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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dashboards' reads, for the API and the console alike: KPIs, agent days, calls per day,
 * campaign analytics, and the administrators' rebuild of the daily tables.
 */
@Service
public class DashboardService {

  private static final Logger log = LoggerFactory.getLogger(DashboardService.class);

  /** The longest range one request reads, in days. */
  static final int MAX_DAYS = 366;

  private final DashboardRepository dashboards;
  private final Clock clock;
  private final AgentAnalytics agentAnalytics;
  private final CallActivity callActivity;
  private final PlatformTransactionManager transactions;

  DashboardService(
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

  @Transactional(readOnly = true)
  public KpiView kpis(CurrentUser caller) {
    // A user who signed up after the last refresh has no row yet: nothing counted so far.
    return dashboards.kpis(caller.id()).orElseGet(() -> KpiView.empty(caller.id()));
  }

  @Transactional(readOnly = true)
  public PlatformKpiView platformKpis() {
    return dashboards.platformKpis();
  }

  @Transactional(readOnly = true)
  public Page<AgentDayView> agentDays(
      CurrentUser caller, LocalDate from, LocalDate to, PageRequest page) {
    Range range = range(from, to, ZoneOffset.UTC);
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
   * Calls per day in the zone {@code tz} (IANA, default UTC) from {@code from} to {@code to}, both
   * included; the last 30 days unless asked otherwise.
   */
  @Transactional(readOnly = true)
  public List<CallDayView> callsPerDay(
      CurrentUser caller, LocalDate from, LocalDate to, String tz, UUID agentId, UUID campaignId) {
    ZoneId zone = zone(tz);
    Range range = range(from, to, zone);
    return dashboards.callDays(caller.id(), range.from(), range.to(), zone, agentId, campaignId);
  }

  /**
   * Calls per day over the last {@code days} days up to today in the zone {@code tz}: every day,
   * those without calls as zeros, as a chart draws them.
   */
  @Transactional(readOnly = true)
  public List<CallDayView> recentCallsPerDay(CurrentUser caller, int days, String tz) {
    ZoneId zone = zone(tz);
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDate first = today.minusDays(days - 1L);
    Map<LocalDate, CallDayView> counted = new HashMap<>();
    dashboards
        .callDays(caller.id(), first, today, zone, null, null)
        .forEach(day -> counted.put(day.day(), day));
    List<CallDayView> everyDay = new ArrayList<>(days);
    for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
      everyDay.add(counted.getOrDefault(day, CallDayView.none(day)));
    }
    return everyDay;
  }

  @Transactional(readOnly = true)
  public CampaignAnalyticsView campaignAnalytics(CurrentUser caller, UUID campaignId) {
    return dashboards
        .campaignAnalytics(caller.id(), campaignId)
        .orElseThrow(() -> ApiException.notFound("Campaign"));
  }

  /** What a rebuild corrected in one table: rows written or changed, and rows removed. */
  public record Corrected(int rows, int removed) {}

  /** What a rebuild did, per table it recounts. */
  public record AnalyticsRebuilt(
      LocalDate from, LocalDate to, int days, Corrected agentAnalytics, Corrected callActivity) {}

  /**
   * Recounts {@code agent_analytics} and {@code call_activity} from {@code from} to {@code to} (UTC
   * days, both included) from the calls and their leads, for every user. Rows that were right are
   * left as they are.
   */
  public AnalyticsRebuilt rebuild(CurrentUser caller, LocalDate from, LocalDate to) {
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
