package dev.outdial.app.campaign;

import dev.outdial.app.agent.AgentService;
import dev.outdial.app.agent.AgentView;
import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.console.FormProblem;
import dev.outdial.app.contact.ContactService;
import dev.outdial.app.contact.ContactView;
import dev.outdial.app.dashboard.DashboardService;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.beans.PropertyEditorSupport;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's campaigns: the list, the form that drafts one, a campaign with its live progress
 * and its owner's actions, its queue and its analytics.
 */
@ConsoleController
class CampaignPages {

  /** The most agents a form offers, and contacts the picker shows per search. */
  private static final int AGENTS_SHOWN = PageRequest.MAX_LIMIT;

  private static final int CONTACTS_SHOWN = 50;

  /** UTC first, then the zones of places (no aliases such as {@code SystemV/} or {@code Etc/}). */
  static final List<String> TIME_ZONES =
      Stream.concat(
              Stream.of("UTC"),
              ZoneId.getAvailableZoneIds().stream()
                  .filter(
                      zone ->
                          zone.matches(
                              "(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian"
                                  + "|Pacific)/.+"))
                  .sorted())
          .toList();

  /** Statuses whose progress moves on by itself, so their page keeps asking. */
  private static final Set<String> MOVING = Set.of("scheduled", "active", "paused");

  private final CampaignService campaigns;
  private final AgentService agents;
  private final ContactService contacts;
  private final DashboardService dashboards;

  CampaignPages(
      CampaignService campaigns,
      AgentService agents,
      ContactService contacts,
      DashboardService dashboards) {
    this.campaigns = campaigns;
    this.agents = agents;
    this.contacts = contacts;
    this.dashboards = dashboards;
  }

  /**
   * Date and time fields as the browser's date and time inputs write them ({@code 2026-12-02},
   * {@code 09:00}), both ways, whatever the request's locale.
   */
  @InitBinder("form")
  void isoDatesAndTimes(WebDataBinder binder) {
    binder.registerCustomEditor(LocalDate.class, new IsoEditor<>(LocalDate::parse));
    binder.registerCustomEditor(LocalTime.class, new IsoEditor<>(LocalTime::parse));
  }

  @GetMapping("/campaigns")
  String list(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String cursor,
      Model model) {
    Page<Map<String, Object>> page = campaigns.list(caller, PageRequest.of(null, cursor));
    model.addAttribute("page", page);
    model.addAttribute("firstPage", cursor == null || cursor.isBlank());
    model.addAttribute("agentNames", agentNames(caller));
    return "campaigns/list";
  }

  @GetMapping("/campaigns/new")
  String newCampaign(@AuthenticationPrincipal CurrentUser caller, Model model) {
    List<AgentView> mine = agents.list(caller, PageRequest.of(AGENTS_SHOWN, null)).items();
    model.addAttribute(
        "form",
        new CreateCampaignRequest(
            "",
            null,
            mine.isEmpty() ? null : mine.get(0).id(),
            "",
            LocalTime.of(9, 0),
            LocalTime.of(17, 0),
            LocalDate.now(ZoneOffset.UTC),
            null,
            "UTC",
            null,
            2,
            60,
            false));
    return form(caller, model, "all", null, mine);
  }

  /** The contact picker's list for a search, with the contacts picked so far kept on top. */
  @GetMapping("/campaigns/new/contacts")
  String contactPicker(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String search,
      @RequestParam(name = "contactIds", required = false) List<UUID> picked,
      Model model) {
    picker(caller, model, search, picked);
    return "campaigns/new :: picker";
  }

  @PostMapping("/campaigns/new")
  String create(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @ModelAttribute("form") CreateCampaignRequest form,
      BindingResult binding,
      @RequestParam(defaultValue = "all") String who,
      @RequestParam(required = false) String search,
      @RequestParam(required = false) String intent,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    List<AgentView> mine = agents.list(caller, PageRequest.of(AGENTS_SHOWN, null)).items();
    // Enter in the search field (or the search button without scripts) looks contacts up.
    if ("search".equals(intent)) {
      return form(caller, model, who, search, mine);
    }
    if (binding.hasErrors()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problem", FormProblem.of(binding));
      return form(caller, model, who, search, mine);
    }
    boolean picked = "picked".equals(who);
    if (picked && (form.contactIds() == null || form.contactIds().isEmpty())) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute(
          "problem",
          new FormProblem(
              "Some fields need attention.",
              Map.of("contactIds", "pick at least one contact, or choose all your contacts")));
      return form(caller, model, who, search, mine);
    }
    Map<String, Object> created;
    try {
      created = campaigns.create(caller, picked ? form : allContacts(form));
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      model.addAttribute("problem", FormProblem.of(e));
      return form(caller, model, who, search, mine);
    }
    redirect.addFlashAttribute(
        "notice",
        "Campaign drafted with "
            + created.get("total_contacts")
            + " contacts to call. Start it when you are ready.");
    return "redirect:/campaigns/" + created.get("id");
  }

  @GetMapping("/campaigns/{id}")
  String show(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
    Map<String, Object> campaign = campaign(caller, id, model);
    model.addAttribute("agent", agents.get(caller, (UUID) campaign.get("agent_id")));
    return "campaigns/show";
  }

  /** The campaign's status, progress and actions, polled by its page while they can change. */
  @GetMapping("/campaigns/{id}/live")
  String live(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
    campaign(caller, id, model);
    return "campaigns/show :: live";
  }

  @PostMapping("/campaigns/{id}/{action:start|pause|resume|cancel}")
  String change(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @PathVariable String action,
      RedirectAttributes redirect) {
    try {
      Map<String, Object> campaign = campaigns.change(caller, id, action);
      redirect.addFlashAttribute("notice", changed(action, campaign));
    } catch (ApiException e) {
      if (e.status() == HttpStatus.NOT_FOUND) {
        throw e;
      }
      redirect.addFlashAttribute("problem", FormProblem.of(e));
    }
    return "redirect:/campaigns/" + id;
  }

  @GetMapping("/campaigns/{id}/queue")
  String queue(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @RequestParam(required = false) String cursor,
      Model model) {
    model.addAttribute("page", campaigns.queue(caller, id, null, cursor));
    model.addAttribute("campaign", campaigns.view(caller, id));
    model.addAttribute("firstPage", cursor == null || cursor.isBlank());
    return "campaigns/queue";
  }

  @GetMapping("/campaigns/{id}/analytics")
  String analytics(
      @AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
    model.addAttribute("campaign", campaigns.view(caller, id));
    model.addAttribute("analytics", dashboards.campaignAnalytics(caller, id));
    return "campaigns/analytics";
  }

  private Map<String, Object> campaign(CurrentUser caller, UUID id, Model model) {
    Map<String, Object> campaign = campaigns.view(caller, id);
    String status = (String) campaign.get("status");
    model.addAttribute("campaign", campaign);
    model.addAttribute("actions", CampaignService.actions(status));
    model.addAttribute("polling", MOVING.contains(status));
    return campaign;
  }

  private static String changed(String action, Map<String, Object> campaign) {
    return switch (action) {
      case "start", "resume" ->
          "scheduled".equals(campaign.get("status"))
              ? "The campaign is scheduled: it starts on " + campaign.get("start_date") + "."
              : "The campaign is active: calls go out inside its calling window.";
      case "pause" -> "Paused. Calls in progress finish; nobody else is called until you resume.";
      default ->
          "Cancelled. Nobody still queued will be called; calls in progress finish and are billed.";
    };
  }

  private String form(
      CurrentUser caller, Model model, String who, String search, List<AgentView> mine) {
    model.addAttribute("agents", mine);
    model.addAttribute("zones", TIME_ZONES);
    model.addAttribute("who", "picked".equals(who) ? "picked" : "all");
    model.addAttribute(
        "hasContacts",
        !contacts.list(caller, null, null, PageRequest.of(1, null)).items().isEmpty());
    CreateCampaignRequest form = (CreateCampaignRequest) model.getAttribute("form");
    picker(caller, model, search, form == null ? null : form.contactIds());
    return "campaigns/new";
  }

  private void picker(CurrentUser caller, Model model, String search, List<UUID> picked) {
    Set<UUID> chosen = picked == null ? Set.of() : new LinkedHashSet<>(picked);
    List<ContactView> shown = new ArrayList<>();
    for (UUID id : chosen) {
      try {
        shown.add(contacts.get(caller, id));
      } catch (ApiException e) {
        // A contact deleted meanwhile is no longer offered.
      }
    }
    Page<ContactView> found =
        contacts.list(
            caller,
            search == null || search.isBlank() ? null : search.strip(),
            null,
            PageRequest.of(CONTACTS_SHOWN, null));
    found.items().stream().filter(contact -> !chosen.contains(contact.id())).forEach(shown::add);
    model.addAttribute("search", search);
    model.addAttribute("pickable", shown);
    model.addAttribute("picked", chosen);
    model.addAttribute("moreContacts", found.nextCursor() != null);
  }

  private Map<UUID, String> agentNames(CurrentUser caller) {
    Map<UUID, String> names = new LinkedHashMap<>();
    agents
        .list(caller, PageRequest.of(AGENTS_SHOWN, null))
        .items()
        .forEach(agent -> names.put(agent.id(), agent.name()));
    return names;
  }

  private static CreateCampaignRequest allContacts(CreateCampaignRequest form) {
    return new CreateCampaignRequest(
        form.name(),
        form.description(),
        form.agentId(),
        form.nextAction(),
        form.firstCallTime(),
        form.lastCallTime(),
        form.startDate(),
        form.endDate(),
        form.timezone(),
        null,
        form.maxAttempts(),
        form.retryDelayMinutes(),
        form.retryOnVoicemail());
  }

  /** Reads and writes a date or time in ISO form; an empty field is none. */
  private static final class IsoEditor<T> extends PropertyEditorSupport {

    private final Function<String, T> parse;

    IsoEditor(Function<String, T> parse) {
      this.parse = parse;
    }

    @Override
    public void setAsText(String text) {
      if (text == null || text.isBlank()) {
        setValue(null);
        return;
      }
      try {
        setValue(parse.apply(text.strip()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }

    @Override
    public String getAsText() {
      Object value = getValue();
      return value == null ? "" : value.toString();
    }
  }
}
