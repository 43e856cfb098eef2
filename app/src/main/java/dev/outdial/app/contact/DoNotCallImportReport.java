package dev.outdial.app.contact;

import java.util.List;

/**
 * What a do-not-call import did: good lines land even when others are bad.
 *
 * @param added numbers newly listed
 * @param skipped numbers listed already
 * @param closedCalls queued calls closed because their number is now listed
 */
public record DoNotCallImportReport(
    int added, int skipped, int failed, int closedCalls, List<ImportReport.ImportError> errors) {}
