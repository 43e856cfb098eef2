package dev.outdial.app.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.activities.contact.PhoneNumbers;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports contacts from a CSV file as it streams in: rows are checked one by one and written in
 * batches, each batch in its own transaction, so a bad row never stops the good ones and a failure
 * half-way keeps every batch written before it. Importing the same file again adds nothing.
 *
 * <p>Reading and checking rows (CSV, libphonenumber) and writing batches (index maintenance in
 * Postgres) cost about the same, so a writer thread writes each batch while the request thread
 * reads the next one.
 */
@Service
public class ContactImportService {

  static final int BATCH_SIZE = 1000;
  static final int MAX_ERRORS = 1000;

  /** Batches read ahead of the writer; bounds the memory an import holds. */
  private static final int BATCHES_IN_FLIGHT = 2;

  private static final Logger log = LoggerFactory.getLogger(ContactImportService.class);
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private final ContactImportRepository repository;
  private final TransactionTemplate transaction;
  private final ObjectMapper json;
  private final ExecutorService writers =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "contact-import-writer");
            thread.setDaemon(true);
            return thread;
          });

  public ContactImportService(
      ContactImportRepository repository,
      PlatformTransactionManager transactionManager,
      ObjectMapper json) {
    this.repository = repository;
    this.transaction = new TransactionTemplate(transactionManager);
    this.json = json;
  }

  /**
   * Imports the file; {@code mapping} (a JSON object, see {@link ImportColumns#explicit}) says
   * which columns go where, or null to find them from the headers.
   */
  public ImportReport importCsv(
      CurrentUser caller, InputStream csv, String defaultRegion, String mapping) {
    if (defaultRegion != null
        && !defaultRegion.isBlank()
        && PhoneNumbers.normalize("+14155552671", defaultRegion) instanceof PhoneNumbers.Invalid) {
      throw ApiException.badRequest(
          "default_region " + defaultRegion + " is not a known ISO country code");
    }
    var records = new CsvRecords(new InputStreamReader(csv, StandardCharsets.UTF_8));
    CsvRecords.Record header = header(records);
    ImportColumns columns =
        mapping == null || mapping.isBlank()
            ? ImportColumns.detect(header.fields())
            : ImportColumns.explicit(header.fields(), readMapping(mapping));

    Tally tally = new Tally();
    Set<String> seenNumbers = new HashSet<>();
    BatchWriter writer = new BatchWriter(caller);
    Future<?> writing = writers.submit(writer);
    List<ContactImportRepository.Row> batch = new ArrayList<>(BATCH_SIZE);
    try {
      for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
        if (!record.ok()) {
          tally.fail(record.line(), record.error());
          continue;
        }
        if (record.blank()) {
          continue;
        }
        ContactImportRepository.Row row = toRow(record, columns, defaultRegion, tally);
        if (row == null) {
          continue;
        }
        if (!seenNumbers.add(row.phoneNumber())) {
          tally.skipped++;
          continue;
        }
        batch.add(row);
        if (batch.size() == BATCH_SIZE) {
          writer.put(batch, writing);
          batch = new ArrayList<>(BATCH_SIZE);
        }
      }
      if (!batch.isEmpty()) {
        writer.put(batch, writing);
      }
    } finally {
      writer.finish(writing);
    }
    awaitWriter(writing);
    tally.imported = writer.inserted;
    tally.updated = writer.updated;
    tally.skipped += writer.unchanged;
    ImportReport report = tally.report(columns.describe());
    log.info(
        "Import for user {}: {} imported, {} updated, {} skipped, {} failed",
        caller.id(),
        report.imported(),
        report.updated(),
        report.skipped(),
        report.failed());
    return report;
  }

  /**
   * What an import of the file would start from, read exactly as {@link #importCsv} reads it: the
   * headers, the first {@code rows} records with a value, and the columns the headers were
   * recognised as (null when they were not, and a mapping is needed). Refused, saying why, when the
   * file has no header row that can be read.
   */
  public ImportPreview preview(InputStream csv, int rows) {
    var records = new CsvRecords(new InputStreamReader(csv, StandardCharsets.UTF_8));
    CsvRecords.Record header = header(records);
    ImportReport.Mapping recognised;
    try {
      recognised = ImportColumns.detect(header.fields()).describe();
    } catch (ApiException e) {
      recognised = null;
    }
    List<List<String>> sample = new ArrayList<>(rows);
    boolean notUtf8 = header.notUtf8();
    boolean more = false;
    for (CsvRecords.Record record = records.next(); record != null; record = records.next()) {
      if (!record.ok() || record.blank()) {
        continue;
      }
      if (sample.size() == rows) {
        more = true;
        break;
      }
      sample.add(record.fields());
      notUtf8 |= record.notUtf8();
    }
    return new ImportPreview(header.fields(), List.copyOf(sample), more, recognised, notUtf8);
  }

  /** The header row, or why the file has none that can be read. */
  private static CsvRecords.Record header(CsvRecords records) {
    CsvRecords.Record header = records.header();
    if (header == null) {
      throw ApiException.badRequest(
          "The file is empty: a header row with name, phone_number is needed");
    }
    if (!header.ok()) {
      throw ApiException.badRequest("The header row cannot be read: " + header.error());
    }
    if (header.binary()) {
      throw ApiException.badRequest(
          "The file is not CSV text: it holds binary data, as a spreadsheet workbook (.xlsx),"
              + " an archive or an image does; save it as CSV (UTF-8) and send that file");
    }
    return header;
  }

  private ContactImportRepository.Row toRow(
      CsvRecords.Record record, ImportColumns columns, String defaultRegion, Tally tally) {
    List<String> fields = record.fields();
    if (fields.size() > columns.count()
        && !fields.subList(columns.count(), fields.size()).stream().allMatch(String::isBlank)) {
      tally.fail(
          record.line(), "has " + fields.size() + " fields, the header has " + columns.count());
      return null;
    }
    String name = columns.get(fields, "name");
    String phone = columns.get(fields, "phone_number");
    if (phone == null) {
      tally.fail(record.line(), "phone_number is empty");
      return null;
    }
    PhoneNumbers.Result number = PhoneNumbers.normalize(phone, defaultRegion);
    if (number instanceof PhoneNumbers.Invalid invalid) {
      tally.fail(record.line(), "phone_number " + invalid.reason());
      return null;
    }
    String e164 = ((PhoneNumbers.Valid) number).e164();
    if (name == null) {
      tally.fail(record.line(), "name is empty");
      return null;
    }
    String email = columns.get(fields, "email");
    if (email != null && !EMAIL.matcher(email).matches()) {
      tally.fail(record.line(), "email '" + email + "' is not an email address");
      return null;
    }
    if (name.length() > 255 || (email != null && email.length() > 255)) {
      tally.fail(record.line(), "name or email is longer than 255 characters");
      return null;
    }
    String company = columns.get(fields, "company");
    if (company != null && company.length() > 255) {
      tally.fail(record.line(), "company is longer than 255 characters");
      return null;
    }
    try {
      return new ContactImportRepository.Row(
          name,
          e164,
          email,
          company,
          columns.get(fields, "notes"),
          json.writeValueAsString(columns.extras(fields)));
    } catch (JsonProcessingException e) {
      tally.fail(record.line(), "the extra columns cannot be stored");
      return null;
    }
  }

  private JsonNode readMapping(String mapping) {
    try {
      return json.readTree(mapping);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "mapping is not JSON: "
              + e.getOriginalMessage()
              + "; send an object such as"
              + " {\"name\": [\"First\", \"Last\"], \"phone_number\": \"Tel\"}");
    }
  }

  private static void awaitWriter(Future<?> writing) {
    try {
      writing.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("The import was interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Writes the batches the reader hands over, in order, each in its own transaction. Its counts are
   * read only after it has finished.
   */
  private final class BatchWriter implements Runnable {
    private static final List<ContactImportRepository.Row> END = List.of();

    private final CurrentUser caller;
    private final BlockingQueue<List<ContactImportRepository.Row>> batches =
        new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
    int inserted;
    int updated;
    int unchanged;

    BatchWriter(CurrentUser caller) {
      this.caller = caller;
    }

    @Override
    public void run() {
      try {
        for (var batch = batches.take(); batch != END; batch = batches.take()) {
          List<ContactImportRepository.Row> rows = batch;
          var outcome = transaction.execute(status -> repository.upsert(caller.id(), rows));
          inserted += outcome.inserted();
          updated += outcome.updated();
          unchanged += rows.size() - outcome.inserted() - outcome.updated();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Hands a batch over, waiting while the writer is behind; fails if the writer failed. */
    void put(List<ContactImportRepository.Row> batch, Future<?> writing) {
      try {
        while (!batches.offer(batch, 100, TimeUnit.MILLISECONDS)) {
          if (writing.isDone()) {
            awaitWriter(writing);
            throw new IllegalStateException("The contact writer stopped early");
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        writing.cancel(true);
        throw new IllegalStateException("The import was interrupted", e);
      }
    }

    /** Tells the writer no more batches come; stops waiting if the writer has stopped. */
    void finish(Future<?> writing) {
      try {
        while (!writing.isDone() && !batches.offer(END, 100, TimeUnit.MILLISECONDS)) {
          // The writer is behind; wait for room unless it has stopped.
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        writing.cancel(true);
      }
    }
  }

  private static final class Tally {
    int imported;
    int updated;
    int skipped;
    int failed;
    final List<ImportReport.ImportError> errors = new ArrayList<>();

    void fail(int line, String reason) {
      failed++;
      if (errors.size() < MAX_ERRORS) {
        errors.add(new ImportReport.ImportError(line, reason));
      }
    }

    ImportReport report(ImportReport.Mapping mapping) {
      return new ImportReport(
          imported, updated, skipped, failed, List.copyOf(errors), failed > errors.size(), mapping);
    }
  }
}
