package dev.outdial.app.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Streams a query's rows to the response as CSV: a header row a spreadsheet opens (UTF-8 with a
 * byte order mark), then one row per result, read from a server-side cursor a thousand rows at a
 * time, so an export of any size holds a few rows in memory.
 */
@Component
public class CsvExport {

  /** A query whose columns, in order, are the file's. */
  public record Query(List<String> columns, String sql, Map<String, Object> params) {}

  private final NamedParameterJdbcTemplate cursor;
  private final TransactionTemplate readOnly;

  public CsvExport(DataSource dataSource, PlatformTransactionManager transactions) {
    JdbcTemplate template = new JdbcTemplate(dataSource);
    template.setFetchSize(1000);
    this.cursor = new NamedParameterJdbcTemplate(template);
    this.readOnly = new TransactionTemplate(transactions);
    this.readOnly.setReadOnly(true);
  }

  /** The response that streams the query as {@code filename}. */
  public ResponseEntity<StreamingResponseBody> response(String filename, Query query) {
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
        .body(out -> write(query, out));
  }

  void write(Query query, OutputStream out) throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    writer.write('\uFEFF');
    CSVPrinter csv =
        CSVFormat.DEFAULT
            .builder()
            .setHeader(query.columns().toArray(String[]::new))
            .get()
            .print(writer);
    // The cursor lives in a transaction (Postgres streams only inside one).
    readOnly.executeWithoutResult(
        status ->
            cursor.query(
                query.sql(),
                query.params(),
                row -> {
                  try {
                    for (int column = 1; column <= query.columns().size(); column++) {
                      Object value = row.getObject(column);
                      csv.print(value instanceof Timestamp at ? at.toInstant() : value);
                    }
                    csv.println();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }));
    csv.flush();
  }
}
