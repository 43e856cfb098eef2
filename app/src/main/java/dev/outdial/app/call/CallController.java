package dev.outdial.app.call;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.CsvExport;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import dev.outdial.app.web.PathIds;
import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/calls")
class CallController {

  private final CallService calls;
  private final CallQueries queries;
  private final CsvExport csv;

  CallController(CallService calls, CallQueries queries, CsvExport csv) {
    this.calls = calls;
    this.queries = queries;
    this.csv = csv;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  StartedCall start(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @RequestBody StartCallRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return calls.start(caller, request, idempotencyKey);
  }

  @GetMapping
  Page<Map<String, Object>> list(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String status,
      @RequestParam(name = "agent_id", required = false) UUID agentId,
      @RequestParam(name = "campaign_id", required = false) UUID campaignId,
      @RequestParam(name = "lead_type", required = false) String leadType,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return queries.list(
        caller,
        new CallRepository.CallFilter(status, agentId, campaignId, leadType, from, to),
        PageRequest.of(limit, cursor));
  }

  /** The list's calls, every one, as CSV ({@code calls.csv}), streamed. */
  @GetMapping(path = "/export.csv", produces = "text/csv")
  ResponseEntity<StreamingResponseBody> export(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String status,
      @RequestParam(name = "agent_id", required = false) UUID agentId,
      @RequestParam(name = "campaign_id", required = false) UUID campaignId,
      @RequestParam(name = "lead_type", required = false) String leadType,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to) {
    var filter = new CallRepository.CallFilter(status, agentId, campaignId, leadType, from, to);
    return csv.response("calls.csv", queries.export(caller, filter));
  }

  @GetMapping("/active")
  Map<String, List<Map<String, Object>>> active(@AuthenticationPrincipal CurrentUser caller) {
    return Map.of("items", queries.active(caller));
  }

  @GetMapping("/" + PathIds.ID)
  Map<String, Object> get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
    return queries.detail(caller, id);
  }
}
