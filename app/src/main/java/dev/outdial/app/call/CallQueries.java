package dev.outdial.app.call;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.temporal.TemporalConnection;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.CsvExport;
import dev.outdial.app.web.Cursor;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import dev.outdial.workflows.common.WorkflowIds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The calls a user reads, for the API and the console alike: lists, live calls, one call. */
@Service
public class CallQueries {

  private final CallRepository calls;
  private final TemporalConnection temporal;

  CallQueries(CallRepository calls, TemporalConnection temporal) {
    this.calls = calls;
    this.temporal = temporal;
  }

  /** The call with the workflow that followed it and, with a Web UI configured, its address. */
  private Map<String, Object> withWorkflow(Map<String, Object> row) {
    Map<String, Object> call = new LinkedHashMap<>(row);
    String workflowId = workflowId(call);
    call.put("workflow_id", workflowId);
    call.put("workflow_url", temporal.workflowUrl(workflowId));
    return call;
  }

  /** The caller's calls that match the filter, newest first, a page at a time. */
  @Transactional(readOnly = true)
  public Page<Map<String, Object>> list(
      CurrentUser caller, CallRepository.CallFilter filter, PageRequest page) {
    var rows =
        calls.findPage(
            caller.id(),
            filter,
            page.cursor() == null ? null : page.cursor().at(),
            page.cursor() == null ? null : page.cursor().id(),
            page.fetchSize());
    Page<Map<String, Object>> found =
        Cursor.page(
            rows, page, row -> new Cursor((Instant) row.get("created_at"), (UUID) row.get("id")));
    return new Page<>(found.items().stream().map(this::withWorkflow).toList(), found.nextCursor());
  }

  /**
   * The id of the workflow that followed a call: the one that placed it (in its {@code metadata}),
   * or for an inbound call the one named after Bolna's execution; null when neither is known.
   */
  String workflowId(Map<String, Object> call) {
    if (call.get("metadata") instanceof Map<?, ?> metadata
        && metadata.get("workflow_id") instanceof String placed
        && !placed.isBlank()) {
      return placed;
    }
    if ("inbound".equals(call.get("lead_type")) && call.get("bolna_execution_id") != null) {
      return WorkflowIds.inboundCall((String) call.get("bolna_execution_id"));
    }
    return null;
  }

  /** Every call of the caller that matches the filter, newest first, for a CSV export. */
  public CsvExport.Query export(CurrentUser caller, CallRepository.CallFilter filter) {
    return calls.export(caller.id(), filter);
  }

  /** The seed's "active calls": the caller's calls in progress, newest first. */
  @Transactional(readOnly = true)
  public List<Map<String, Object>> active(CurrentUser caller) {
    return calls.findActive(caller.id()).stream().map(this::withWorkflow).toList();
  }

  /** One of the caller's calls with its transcript and lead analytics; another's is 404. */
  @Transactional(readOnly = true)
  public Map<String, Object> detail(CurrentUser caller, UUID id) {
    Map<String, Object> call =
        withWorkflow(calls.find(caller.id(), id).orElseThrow(() -> ApiException.notFound("Call")));
    call.put("transcript", calls.transcript(id).orElse(null));
    call.put("lead_analytics", calls.leadAnalytics(id).orElse(null));
    return call;
  }
}
