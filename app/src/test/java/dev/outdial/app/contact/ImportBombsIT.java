package dev.outdial.app.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.app.testing.ApiTestSupport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Files built to hurt an importer: one endless line, a million empty rows, binary, a zip. Each is
 * answered plainly, the good rows around it are kept, and none is held whole in memory: the bodies
 * are streamed to the app as they are made, never built in the test either.
 */
class ImportBombsIT extends ApiTestSupport {

  private static final byte[] HEADER = "name,phone_number\n".getBytes(StandardCharsets.UTF_8);

  /** {@code count} copies of {@code chunk}, made as they are read. */
  private static InputStream repeated(byte[] chunk, long count) {
    return new InputStream() {
      private long sent;
      private int position;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] into, int offset, int length) {
        if (sent == count) {
          return -1;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, into, offset, n);
        position += n;
        if (position == chunk.length) {
          position = 0;
          sent++;
        }
        return n;
      }
    };
  }

  private static InputStream concat(InputStream... parts) {
    return new SequenceInputStream(Collections.enumeration(List.of(parts)));
  }

  private static InputStream text(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> importStream(String token, InputStream body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/contacts/import"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return new ObjectMapper().readTree(response.body());
  }

  @Test
  void aHundredMegabyteLineIsSkippedAndTheRowsAroundItAreImported() throws Exception {
    TestUser user = signup("endless-line");
    InputStream body =
        concat(
            new ByteArrayInputStream(HEADER),
            text("Ada,+14155552671\n"),
            repeated("x".repeat(1024).getBytes(StandardCharsets.US_ASCII), 100 * 1024),
            text("\nAlan,+14155552672\n"));

    HttpResponse<String> response = importStream(user.token(), body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode report = json(response);
    assertThat(report.path("imported").asInt()).isEqualTo(2);
    assertThat(report.toString()).contains("longer than 65,536 characters");
  }

  @Test
  void aMillionEmptyRowsImportNothingAndEndQuickly() throws Exception {
    TestUser user = signup("empty-rows");
    InputStream body =
        concat(
            new ByteArrayInputStream(HEADER),
            repeated(",\n".getBytes(StandardCharsets.US_ASCII), 1_000_000),
            text("Grace,+14155552673\n"));

    HttpResponse<String> response = importStream(user.token(), body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response).path("imported").asInt()).isEqualTo(1);
  }

  @Test
  void binaryAndZipFilesAreRefusedSayingTheyAreNotCsv() throws Exception {
    TestUser user = signup("binary");
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
      zip.putNextEntry(new ZipEntry("contacts.csv"));
      zip.write("name,phone_number\nAda,+14155552671\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    byte[] random = new byte[1 << 20];
    new Random(7).nextBytes(random);

    for (byte[] file : List.of(zipped.toByteArray(), random)) {
      HttpResponse<String> response = importStream(user.token(), new ByteArrayInputStream(file));
      assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
      assertThat(json(response).path("detail").asText()).isNotBlank();
    }
    assertThat(api.get("/api/contacts", user.token()).json().path("items").size()).isZero();
  }
}
