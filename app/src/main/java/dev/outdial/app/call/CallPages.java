package dev.outdial.app.call;

import dev.outdial.app.agent.AgentService;
import dev.outdial.app.agent.AgentView;
import dev.outdial.app.campaign.CampaignService;
import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.console.FormProblem;
import dev.outdial.app.contact.ContactService;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.CsvExport;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/** The console's calls: the filtered list, its CSV export, and one call with its lead. */
@ConsoleController
class CallPages {

  /** The most agents and campaigns the filters offer. */
  private static final int AGENTS_SHOWN = PageRequest.MAX_LIMIT;

  private static final int CAMPAIGNS_SHOWN = PageRequest.DEFAULT_LIMIT;

  private final CallQueries calls;
  private final AgentService agents;
  private final CampaignService campaigns;
  private final ContactService contacts;
  private final CsvExport csv;

  CallPages(
      CallQueries calls,
      AgentService agents,
      CampaignService campaigns,
      ContactService contacts,
      CsvExport csv) {
    this.calls = calls;
    this.agents = agents;
    this.campaigns = campaigns;
    this.contacts = contacts;
    this.csv = csv;
  }

  /**
   * The list's filters as the page's form sends them: the API's names, with whole UTC days for
   * {@code from} and {@code to} (both included), since a person picks days, not instants.
   */
  record Filters(
      String status,
      UUID agent_id,
      UUID campaign_id,
      String lead_type,
      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      String cursor) {

    CallRepository.CallFilter filter() {
      return new CallRepository.CallFilter(
          blankToNull(status),
          agent_id,
          campaign_id,
          blankToNull(lead_type),
          from == null ? null : from.atStartOfDay(ZoneOffset.UTC).toInstant(),
          to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** The filters as a query string, for the next page and the export. */
    String query() {
      UriComponentsBuilder query = UriComponentsBuilder.newInstance();
      add(query, "status", blankToNull(status));
      add(query, "agent_id", agent_id);
      add(query, "campaign_id", campaign_id);
      add(query, "lead_type", blankToNull(lead_type));
      add(query, "from", from);
      add(query, "to", to);
      String built = query.build().encode().getQuery();
      return built == null ? "" : built;
    }

    boolean any() {
      return !query().isEmpty();
    }

    private static void add(UriComponentsBuilder query, String name, Object value) {
      if (value != null) {
        query.queryParam(name, value);
      }
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value.strip();
    }
  }

  @GetMapping("/calls")
  String list(
      @AuthenticationPrincipal CurrentUser caller,
      @ModelAttribute("filters") Filters filters,
      BindingResult binding,
      Model model) {
    if (binding.hasErrors()) {
      model.addAttribute(
          "problem",
          FormProblem.of(
              "Some filters were not understood and are left out: "
                  + String.join(
                      ", ", binding.getFieldErrors().stream().map(e -> e.getField()).toList())
                  + "."));
    }
    Page<Map<String, Object>> page =
        calls.list(caller, filters.filter(), PageRequest.of(null, filters.cursor()));
    List<AgentView> mine = agents.list(caller, PageRequest.of(AGENTS_SHOWN, null)).items();
    Map<UUID, String> agentNames = new LinkedHashMap<>();
    mine.forEach(agent -> agentNames.put(agent.id(), agent.name()));
    List<Map<String, Object>> campaignChoices =
        new ArrayList<>(campaigns.list(caller, PageRequest.of(CAMPAIGNS_SHOWN, null)).items());
    if (filters.campaign_id() != null
        && campaignChoices.stream().noneMatch(c -> filters.campaign_id().equals(c.get("id")))) {
      campaignChoices.add(0, campaigns.view(caller, filters.campaign_id()));
    }
    model.addAttribute("page", page);
    model.addAttribute("agents", mine);
    model.addAttribute("agentNames", agentNames);
    model.addAttribute("campaigns", campaignChoices);
    model.addAttribute("query", filters.query());
    model.addAttribute("filtered", filters.any());
    model.addAttribute("firstPage", filters.cursor() == null || filters.cursor().isBlank());
    return "calls/list";
  }

  /** The list's calls, every one, as the API's export writes them. */
  @GetMapping(path = "/calls/export.csv")
  ResponseEntity<StreamingResponseBody> export(
      @AuthenticationPrincipal CurrentUser caller,
      @ModelAttribute("filters") Filters filters,
      BindingResult binding) {
    if (binding.hasErrors()) {
      // Leaving a filter out would export calls the person did not ask for.
      throw ApiException.badRequest(
          "The export's filters could not be read. Go back to the calls, choose the filters"
              + " again, and export from there.");
    }
    return csv.response("calls.csv", calls.export(caller, filters.filter()));
  }

  @GetMapping("/calls/{id}")
  String detail(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
    Map<String, Object> call = calls.detail(caller, id);
    model.addAttribute("call", call);
    model.addAttribute("agent", agents.get(caller, (UUID) call.get("agent_id")));
    model.addAttribute(
        "campaign",
        call.get("campaign_id") == null
            ? null
            : campaigns.view(caller, (UUID) call.get("campaign_id")));
    model.addAttribute("contact", contact(caller, (UUID) call.get("contact_id")));
    // The detail already names the call's workflow (null when none is known).
    model.addAttribute("workflowId", call.get("workflow_id"));
    return "calls/detail";
  }

  private Object contact(CurrentUser caller, UUID contactId) {
    if (contactId == null) {
      return null;
    }
    try {
      return contacts.get(caller, contactId);
    } catch (ApiException e) {
      // Deleted since the call: the call keeps its number.
      return null;
    }
  }
}
