package dev.outdial.app.lead;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.CsvExport;
import dev.outdial.app.web.Cursor;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The leads a user reads and marks read, for the API and the console alike. */
@Service
public class LeadService {

  private final LeadRepository leads;

  LeadService(LeadRepository leads) {
    this.leads = leads;
  }

  /** The caller's leads that match the filter, newest first, a page at a time. */
  @Transactional(readOnly = true)
  public Page<Map<String, Object>> list(CurrentUser caller, LeadFilter filter, PageRequest page) {
    var rows =
        leads.findPage(
            caller.id(),
            filter.minScore(),
            filter.statusTag(),
            filter.isRead(),
            page.cursor() == null ? null : page.cursor().at(),
            page.cursor() == null ? null : page.cursor().id(),
            page.fetchSize());
    return Cursor.page(
        rows, page, row -> new Cursor((Instant) row.get("created_at"), (UUID) row.get("id")));
  }

  /** Every lead of the caller that matches the filter, for a CSV export. */
  public CsvExport.Query export(CurrentUser caller, LeadFilter filter) {
    return leads.export(caller.id(), filter.minScore(), filter.statusTag(), filter.isRead());
  }

  /** Marks one of the caller's leads read; another's, or none, is 404. */
  @Transactional
  public void markRead(CurrentUser caller, UUID id) {
    if (!leads.markRead(caller.id(), id)) {
      throw ApiException.notFound("Lead");
    }
  }
}
