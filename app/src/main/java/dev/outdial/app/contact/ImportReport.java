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
 */
public record ImportReport(
    int imported,
    int updated,
    int skipped,
    int failed,
    List<ImportError> errors,
    boolean errorsTruncated) {

  /** A row that was not imported. */
  public record ImportError(int line, String reason) {}
}
