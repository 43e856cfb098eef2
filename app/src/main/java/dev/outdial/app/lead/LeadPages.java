package dev.outdial.app.lead;

import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.console.FormProblem;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.CsvExport;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The console's leads: the filtered list, marking one read, and the CSV export. */
@ConsoleController
class LeadPages {

  private final LeadService leads;
  private final CsvExport csv;

  LeadPages(LeadService leads, CsvExport csv) {
    this.leads = leads;
    this.csv = csv;
  }

  /** The list's filters as the page's form sends them, under the API's names. */
  record Filters(Integer min_score, String status_tag, Boolean is_read, String cursor) {

    LeadFilter filter() {
      return new LeadFilter(
          min_score, status_tag == null || status_tag.isBlank() ? null : status_tag, is_read);
    }

    /** The filters as a query string, for the next page, the export and the way back. */
    String query() {
      LeadFilter filter = filter();
      UriComponentsBuilder query = UriComponentsBuilder.newInstance();
      if (filter.minScore() != null) {
        query.queryParam("min_score", filter.minScore());
      }
      if (filter.statusTag() != null) {
        query.queryParam("status_tag", filter.statusTag());
      }
      if (filter.isRead() != null) {
        query.queryParam("is_read", filter.isRead());
      }
      String built = query.build().encode().getQuery();
      return built == null ? "" : built;
    }
  }

  @GetMapping("/leads")
  String list(
      @AuthenticationPrincipal CurrentUser caller,
      @ModelAttribute("filters") Filters filters,
      BindingResult binding,
      Model model) {
    if (binding.hasErrors()) {
      model.addAttribute(
          "problem",
          FormProblem.of(
              "Some filters were not understood and are left out: the lowest score is a whole"
                  + " number from 0 to 100."));
    }
    Page<Map<String, Object>> page =
        leads.list(caller, filters.filter(), PageRequest.of(null, filters.cursor()));
    model.addAttribute("page", page);
    model.addAttribute("query", filters.query());
    model.addAttribute("filtered", !filters.query().isEmpty());
    model.addAttribute("firstPage", filters.cursor() == null || filters.cursor().isBlank());
    return "leads/list";
  }

  /** The list's leads, every one, as the API's export writes them. */
  @GetMapping("/leads/export.csv")
  ResponseEntity<StreamingResponseBody> export(
      @AuthenticationPrincipal CurrentUser caller,
      @ModelAttribute("filters") Filters filters,
      BindingResult binding) {
    if (binding.hasErrors()) {
      // Leaving a filter out would export leads the person did not ask for.
      throw ApiException.badRequest(
          "The export's filters could not be read. Go back to the leads, choose the filters"
              + " again, and export from there.");
    }
    return csv.response("leads.csv", leads.export(caller, filters.filter()));
  }

  /**
   * Marks a lead read: for htmx the row's new state, otherwise back to the list with the filters it
   * was sent from.
   */
  @PostMapping("/leads/{id}/read")
  String markRead(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @ModelAttribute("filters") Filters filters,
      BindingResult binding,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      RedirectAttributes redirect) {
    leads.markRead(caller, id);
    if (htmx != null) {
      return "leads/list :: read";
    }
    redirect.addFlashAttribute("notice", "The lead is marked read.");
    String query = binding.hasErrors() ? "" : filters.query();
    return "redirect:/leads" + (query.isEmpty() ? "" : "?" + query);
  }
}
