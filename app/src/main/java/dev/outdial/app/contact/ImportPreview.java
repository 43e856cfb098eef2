package dev.outdial.app.contact;

import java.util.List;

/**
 * The start of an import file, as the importer reads it, before anything is imported.
 *
 * @param headers the header row's columns, in order
 * @param rows the first records that have a value, each as its fields
 * @param more whether more records follow those
 * @param recognised the columns the importer would use without a mapping, with the export they were
 *     recognised as; null when the headers name no name or no phone number column
 * @param notUtf8 some characters are not UTF-8 (the file was saved in another encoding) and would
 *     be imported as the replacement character
 */
public record ImportPreview(
    List<String> headers,
    List<List<String>> rows,
    boolean more,
    ImportReport.Mapping recognised,
    boolean notUtf8) {}
