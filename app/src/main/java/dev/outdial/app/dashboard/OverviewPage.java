package dev.outdial.app.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.app.call.CallQueries;
import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.security.CurrentUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's first page: KPIs, calls per day, credits and the calls in progress. */
@ConsoleController
class OverviewPage {

  private static final Set<Integer> RANGES = Set.of(7, 30, 90);

  private final DashboardService dashboards;
  private final CallQueries calls;
  private final ObjectMapper json;

  OverviewPage(DashboardService dashboards, CallQueries calls, ObjectMapper json) {
    this.dashboards = dashboards;
    this.calls = calls;
    this.json = json;
  }

  @GetMapping("/")
  String overview(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(defaultValue = "30") int days,
      @RequestParam(required = false) String tz,
      Model model)
      throws JsonProcessingException {
    int range = RANGES.contains(days) ? days : 30;
    List<CallDayView> perDay = dashboards.recentCallsPerDay(caller, range, tz);
    model.addAttribute("kpis", dashboards.kpis(caller));
    model.addAttribute("days", range);
    model.addAttribute("perDay", perDay);
    model.addAttribute("chart", json.writeValueAsString(chart(perDay)));
    model.addAttribute("anyCalls", perDay.stream().anyMatch(day -> day.calls() > 0));
    model.addAttribute("active", calls.active(caller));
    return "overview";
  }

  /** The calls in progress, polled by the overview every few seconds. */
  @GetMapping("/live-calls")
  String liveCalls(@AuthenticationPrincipal CurrentUser caller, Model model) {
    model.addAttribute("active", calls.active(caller));
    return "overview :: live";
  }

  private static Map<String, Object> chart(List<CallDayView> perDay) {
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("days", perDay.stream().map(day -> day.day().toString()).toList());
    chart.put("unit", "calls");
    chart.put(
        "series",
        List.of(
            series("Answered", perDay, CallDayView::answered),
            series("Voicemail", perDay, CallDayView::voicemail),
            series("No answer", perDay, CallDayView::noAnswer),
            series("Busy", perDay, CallDayView::busy),
            series("Failed", perDay, CallDayView::failed)));
    return chart;
  }

  private static Map<String, Object> series(
      String label, List<CallDayView> perDay, ToIntFunction<CallDayView> value) {
    return Map.of("label", label, "values", perDay.stream().mapToInt(value).boxed().toList());
  }
}
