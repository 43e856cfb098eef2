package dev.outdial.app.dashboard;

import dev.outdial.app.security.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dashboard reads: the caller's {@code user_kpi} row, and the platform's for administrators. The
 * view is refreshed every few seconds when something changed ({@link KpiRefreshSchedule}).
 */
@RestController
class DashboardController {

  private final DashboardRepository dashboards;

  DashboardController(DashboardRepository dashboards) {
    this.dashboards = dashboards;
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
}
