package dev.outdial.app.contact;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file one record at a time, so a file of any size is never held in memory, and
 * recovers from broken quotes: a record whose quoted field never closes within a few lines is
 * reported as broken on its own line, and reading goes on from the next line. Fields are parsed by
 * Commons CSV (RFC 4180, quoted fields may span lines).
 */
final class CsvRecords {

  /** How many physical lines one record (a quoted field with line breaks) may span. */
  static final int MAX_LINES_PER_RECORD = 20;

  /**
   * The longest physical line kept, in characters; the rest of a longer one is read and dropped, so
   * one endless line cannot fill the heap.
   */
  static final int MAX_LINE_CHARS = 65_536;

  private final Reader reader;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private final Deque<Line> pushedBack = new ArrayDeque<>();
  private CSVFormat format = CSVFormat.DEFAULT;
  private char delimiter = ',';
  private int expectedFields = -1;
  private int lineNumber;

  CsvRecords(Reader reader) {
    this.reader = reader;
  }

  /** One record: its first line's number and its fields, or why it could not be read. */
  record Record(int line, List<String> fields, String error) {
    boolean ok() {
      return error == null;
    }

    boolean blank() {
      return ok() && fields.stream().allMatch(String::isBlank);
    }

    /**
     * Whether the fields hold control characters no text file has (NUL and the like): the file is a
     * workbook, an archive or an image, or text in UTF-16.
     */
    boolean binary() {
      return fields.stream()
          .anyMatch(field -> field.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F));
    }

    /** Whether some bytes were not UTF-8 (read as U+FFFD): a file saved in another encoding. */
    boolean notUtf8() {
      return fields.stream().anyMatch(field -> field.indexOf('\uFFFD') >= 0);
    }
  }

  /**
   * Reads the header record and fixes the delimiter (comma, or semicolon and tab as spreadsheets in
   * many locales write them) and the number of fields every record should have.
   */
  Record header() {
    Line first = nextLine();
    while (first != null && first.text().isBlank()) {
      first = nextLine();
    }
    if (first == null) {
      return null;
    }
    String text = first.text();
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    delimiter = detectDelimiter(text);
    format =
        CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreSurroundingSpaces(true).get();
    Record header = parse(new Line(first.number(), text));
    if (header.ok()) {
      expectedFields = header.fields().size();
    }
    return header;
  }

  /** The next record, or null at the end of the input. */
  Record next() {
    Line first = nextLine();
    if (first == null) {
      return null;
    }
    if (first.tooLong()) {
      return new Record(
          first.number(),
          List.of(),
          String.format("the line is longer than %,d characters; it was skipped", MAX_LINE_CHARS));
    }
    if (!endsInsideQuotes(first.text())) {
      return parse(first);
    }
    List<Line> continuation = new ArrayList<>();
    StringBuilder text = new StringBuilder(first.text());
    while (continuation.size() < MAX_LINES_PER_RECORD - 1) {
      Line more = nextLine();
      if (more == null) {
        break;
      }
      continuation.add(more);
      text.append('\n').append(more.text());
      if (!endsInsideQuotes(text)) {
        Record merged = parse(new Line(first.number(), text.toString()));
        if (merged.ok() && (expectedFields < 0 || merged.fields().size() <= expectedFields)) {
          return merged;
        }
        break;
      }
    }
    // The quote never closed properly: only the first line is lost; the lines read ahead are
    // records of their own.
    for (int i = continuation.size() - 1; i >= 0; i--) {
      pushedBack.addFirst(continuation.get(i));
    }
    return new Record(first.number(), List.of(), "broken quotes: a quoted field is never closed");
  }

  private Record parse(Line line) {
    try (CSVParser parser = CSVParser.parse(line.text(), format)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.isEmpty()) {
        return new Record(line.number(), List.of(""), null);
      }
      List<String> fields = new ArrayList<>(records.get(0).size());
      records.get(0).forEach(field -> fields.add(field.strip()));
      return new Record(line.number(), fields, null);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return new Record(line.number(), List.of(), "broken quotes: " + shortMessage(e));
    }
  }

  private Line nextLine() {
    if (!pushedBack.isEmpty()) {
      return pushedBack.removeFirst();
    }
    try {
      return readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The next physical line (ended by LF, CR or CR LF, as {@link BufferedReader#readLine} reads
   * them), at most {@link #MAX_LINE_CHARS} of it kept; null at the end of the input. Read from a
   * buffer of its own, a chunk at a time.
   */
  private Line readLine() throws IOException {
    StringBuilder text = new StringBuilder();
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (position == limit && !fill()) {
        break;
      }
      any = true;
      char c = buffer[position++];
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        if ((position < limit || fill()) && buffer[position] == '\n') {
          position++;
        }
        break;
      }
      if (text.length() < MAX_LINE_CHARS) {
        text.append(c);
      } else {
        tooLong = true;
      }
    }
    if (!any) {
      return null;
    }
    return new Line(++lineNumber, text.toString(), tooLong);
  }

  /** Reads the next chunk into the buffer; false at the end of the input. */
  private boolean fill() throws IOException {
    int read = reader.read(buffer, 0, buffer.length);
    if (read <= 0) {
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }

  /** Whether the text ends inside a quoted field, by the same rules Commons CSV parses with. */
  private boolean endsInsideQuotes(CharSequence text) {
    boolean inQuotes = false;
    boolean atFieldStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            i++;
          } else {
            inQuotes = false;
          }
        }
      } else if (c == '"' && atFieldStart) {
        inQuotes = true;
        atFieldStart = false;
      } else if (c == delimiter || c == '\n') {
        atFieldStart = true;
      } else if (c != ' ' && c != '\t') {
        atFieldStart = false;
      }
    }
    return inQuotes;
  }

  private static char detectDelimiter(String header) {
    long commas = header.chars().filter(c -> c == ',').count();
    long semicolons = header.chars().filter(c -> c == ';').count();
    long tabs = header.chars().filter(c -> c == '\t').count();
    if (tabs > commas && tabs > semicolons) {
      return '\t';
    }
    return semicolons > commas ? ';' : ',';
  }

  private static String shortMessage(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int cut = message.indexOf(" (line");
    return cut > 0 ? message.substring(0, cut) : message;
  }

  private record Line(int number, String text, boolean tooLong) {
    Line(int number, String text) {
      this(number, text, false);
    }
  }
}
