package dev.outdial.app.contact;

import dev.outdial.activities.contact.DoNotCallList;
import dev.outdial.activities.contact.PhoneNumbers;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.security.Role;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.Cursor;
import dev.outdial.app.web.FieldError;
import dev.outdial.app.web.InvalidFieldsException;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Do-not-call lists: each tenant's own, and the platform's, which only a super_admin changes. The
 * numbers are kept in E.164 like contacts; the list's owner in {@code activities} closes the calls
 * still queued to a number as it is added.
 */
@Service
public class DoNotCallService {

  private static final List<String> PHONE_COLUMNS =
      List.of("phone_number", "phone", "number", "mobile", "contact_number");

  private final DoNotCallList list;

  public DoNotCallService(JdbcClient jdbc) {
    this.list = new DoNotCallList(jdbc);
  }

  /** Whose list a caller works on: their own, or (null) the platform's. */
  private static UUID owner(CurrentUser caller, boolean platform) {
    if (!platform) {
      return caller.id();
    }
    if (caller.role() != Role.SUPER_ADMIN) {
      throw ApiException.forbidden("Only a super_admin changes the platform's do-not-call list");
    }
    return null;
  }

  @Transactional(readOnly = true)
  public Page<DoNotCallView> list(CurrentUser caller, boolean platform, PageRequest page) {
    UUID owner = platform ? null : caller.id();
    Cursor after = page.cursor();
    List<DoNotCallView> rows =
        list
            .page(
                owner,
                after == null ? null : after.at(),
                after == null ? null : after.id(),
                page.fetchSize())
            .stream()
            .map(DoNotCallView::of)
            .toList();
    return Cursor.page(rows, page, row -> new Cursor(row.createdAt(), row.id()));
  }

  @Transactional
  public DoNotCallAdded add(CurrentUser caller, boolean platform, AddDoNotCallRequest request) {
    UUID owner = owner(caller, platform);
    String e164 = e164("phone_number", request.phoneNumber(), request.defaultRegion());
    String reason = request.reason() == null ? null : request.reason().strip();
    DoNotCallList.Added added = list.add(owner, e164, reason, DoNotCallList.MANUAL, caller.id());
    return new DoNotCallAdded(DoNotCallView.of(added.entry()), !added.added(), added.closedCalls());
  }

  @Transactional
  public void remove(CurrentUser caller, boolean platform, String phoneNumber) {
    UUID owner = owner(caller, platform);
    String e164 = e164("phone_number", phoneNumber, null);
    if (!list.remove(owner, e164)) {
      throw ApiException.notFound("Number on the do-not-call list");
    }
  }

  /** Imports a CSV with a phone column (and an optional reason); bad lines are reported. */
  @Transactional
  public DoNotCallImportReport importCsv(
      CurrentUser caller, boolean platform, InputStream csv, String defaultRegion) {
    UUID owner = owner(caller, platform);
    CsvRecords records = new CsvRecords(new InputStreamReader(csv, StandardCharsets.UTF_8));
    CsvRecords.Record header = records.header();
    if (header == null || !header.ok()) {
      throw ApiException.badRequest("The file has no header row");
    }
    if (header.binary()) {
      throw ApiException.badRequest(
          "The file is not CSV text: it holds binary data, as a spreadsheet workbook (.xlsx),"
              + " an archive or an image does; save it as CSV (UTF-8) and send that file");
    }
    List<String> names =
        header.fields().stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
    int phone = -1;
    for (String column : PHONE_COLUMNS) {
      if (names.contains(column)) {
        phone = names.indexOf(column);
        break;
      }
    }
    if (phone < 0) {
      throw ApiException.badRequest("The header row has no phone_number column");
    }
    int reasonColumn = names.indexOf("reason");
    int added = 0;
    int skipped = 0;
    int closed = 0;
    List<ImportReport.ImportError> errors = new ArrayList<>();
    for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
      if (record.blank()) {
        continue;
      }
      if (!record.ok()) {
        errors.add(new ImportReport.ImportError(record.line(), record.error()));
        continue;
      }
      String raw = phone < record.fields().size() ? record.fields().get(phone) : "";
      PhoneNumbers.Result number = PhoneNumbers.normalize(raw, defaultRegion);
      if (number instanceof PhoneNumbers.Invalid invalid) {
        errors.add(new ImportReport.ImportError(record.line(), "phone_number " + invalid.reason()));
        continue;
      }
      String reason =
          reasonColumn >= 0 && reasonColumn < record.fields().size()
              ? record.fields().get(reasonColumn).strip()
              : null;
      DoNotCallList.Added result =
          list.add(
              owner,
              ((PhoneNumbers.Valid) number).e164(),
              reason == null || reason.isEmpty() ? null : reason,
              DoNotCallList.IMPORT,
              caller.id());
      if (result.added()) {
        added++;
        closed += result.closedCalls();
      } else {
        skipped++;
      }
    }
    return new DoNotCallImportReport(added, skipped, errors.size(), closed, errors);
  }

  private static String e164(String field, String input, String defaultRegion) {
    PhoneNumbers.Result number = PhoneNumbers.normalize(input, defaultRegion);
    if (number instanceof PhoneNumbers.Invalid invalid) {
      throw new InvalidFieldsException(List.of(new FieldError(field, invalid.reason())));
    }
    return ((PhoneNumbers.Valid) number).e164();
  }
}
