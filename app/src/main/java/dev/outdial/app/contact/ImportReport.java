package dev.outdial.app.contact;

import java.util.List;

/**
 * What an import did.
 *
 * @param imported new contacts
 * @param updated existing contacts (same number) whose fields the file changed
 * @param skipped rows that changed nothing: the contact is already as the row says, or the number
 *     appeared earlier in the file
 * @param failed rows that could not be imported, each listed in {@code errors}
 * @param errors line number and reason of the first {@value ContactImportService#MAX_ERRORS} failed
 *     rows
 * @param errorsTruncated whether more rows failed than {@code errors} lists
 * @param mapping which columns of the file went where
 */
public record ImportReport(
    int imported,
    int updated,
    int skipped,
    int failed,
    List<ImportError> errors,
    boolean errorsTruncated,
    Mapping mapping) {

  /**
   * The columns an import used, by their headers in the file.
   *
   * @param format the export the headers were recognised as ({@code hubspot}, {@code
   *     google_contacts}, {@code salesforce}, {@code outlook}, {@code standard}), or {@code custom}
   *     for a mapping given with the request
   * @param name the columns joined into the name
   * @param userData the other columns, kept by their normalized header in {@code user_data}
   */
  public record Mapping(
      String format,
      List<String> name,
      String phoneNumber,
      String email,
      String company,
      String notes,
      List<String> userData) {}

  /** A row that was not imported. */
  public record ImportError(int line, String reason) {}
}
