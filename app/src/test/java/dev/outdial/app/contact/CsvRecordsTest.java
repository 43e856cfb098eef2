package dev.outdial.app.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

  private static List<String> read(String csv) {
    CsvRecords records = new CsvRecords(new StringReader(csv));
    List<String> out = new ArrayList<>();
    out.add("header " + records.header().fields());
    for (CsvRecords.Record r = records.next(); r != null; r = records.next()) {
      out.add(r.line() + (r.ok() ? " " + r.fields() : " ERROR " + r.error()));
    }
    return out;
  }

  @Test
  void quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() {
    assertThat(read("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\n"))
        .containsExactly("header [a, b]", "2 [x, y, say \"hi\"]", "3 [multi\nline, z]");
  }

  @Test
  void anUnclosedQuoteLosesOnlyItsOwnLine() {
    assertThat(read("a,b\n\"never closed,1\nok,2\nfine,3\n"))
        .containsExactly(
            "header [a, b]",
            "2 ERROR broken quotes: a quoted field is never closed",
            "3 [ok, 2]",
            "4 [fine, 3]");
  }

  @Test
  void aQuoteInsideAnUnquotedFieldIsJustACharacter() {
    assertThat(read("a,b\nsix feet 2\" tall,1\nnext,2\n"))
        .containsExactly("header [a, b]", "2 [six feet 2\" tall, 1]", "3 [next, 2]");
  }

  @Test
  void textAfterAClosingQuoteIsABrokenRecordAndReadingGoesOn() {
    assertThat(read("a,b\n\"x\"y,1\nok,2\n"))
        .element(1)
        .asString()
        .startsWith("2 ERROR broken quotes");
    assertThat(read("a,b\n\"x\"y,1\nok,2\n")).last().isEqualTo("3 [ok, 2]");
  }

  @Test
  void semicolonsAndTabsAreDetectedFromTheHeaderAndAByteOrderMarkIsDropped() {
    assertThat(read("\uFEFFa;b\n1,5;2\n")).containsExactly("header [a, b]", "2 [1,5, 2]");
    assertThat(read("a\tb\n1\t2\n")).containsExactly("header [a, b]", "2 [1, 2]");
  }

  @Test
  void linesEndWithLineFeedCarriageReturnOrBoth() {
    assertThat(read("a,b\r\n1,2\r3,4\n\n5,6"))
        .containsExactly("header [a, b]", "2 [1, 2]", "3 [3, 4]", "4 []", "5 [5, 6]");
  }

  @Test
  void anEndlessLineIsReportedAndSkippedWithoutKeepingIt() {
    String endless = "x".repeat(CsvRecords.MAX_LINE_CHARS * 3);
    assertThat(read("a,b\n" + endless + "\r\nok,1\n"))
        .containsExactly(
            "header [a, b]",
            "2 ERROR the line is longer than 65,536 characters; it was skipped",
            "3 [ok, 1]");
    String exactlyAtTheLimit = "y".repeat(CsvRecords.MAX_LINE_CHARS - 2) + ",z";
    assertThat(read("a,b\n" + exactlyAtTheLimit))
        .containsExactly(
            "header [a, b]", "2 [" + "y".repeat(CsvRecords.MAX_LINE_CHARS - 2) + ", z]");
  }
}
