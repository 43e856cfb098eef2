package dev.outdial.app.lead;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.CsvExport;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import dev.outdial.app.web.PathIds;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/leads")
class LeadController {

  private final LeadService leads;
  private final CsvExport csv;

  LeadController(LeadService leads, CsvExport csv) {
    this.leads = leads;
    this.csv = csv;
  }

  /** The list's leads, every one, as CSV ({@code leads.csv}), streamed. */
  @GetMapping(path = "/export.csv", produces = "text/csv")
  ResponseEntity<StreamingResponseBody> export(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(name = "min_score", required = false) Integer minScore,
      @RequestParam(name = "status_tag", required = false) String statusTag,
      @RequestParam(name = "is_read", required = false) Boolean isRead) {
    return csv.response(
        "leads.csv", leads.export(caller, new LeadFilter(minScore, statusTag, isRead)));
  }

  @GetMapping
  Page<Map<String, Object>> list(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(name = "min_score", required = false) Integer minScore,
      @RequestParam(name = "status_tag", required = false) String statusTag,
      @RequestParam(name = "is_read", required = false) Boolean isRead,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return leads.list(
        caller, new LeadFilter(minScore, statusTag, isRead), PageRequest.of(limit, cursor));
  }

  @PostMapping("/" + PathIds.ID + "/read")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void markRead(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
    leads.markRead(caller, id);
  }
}
