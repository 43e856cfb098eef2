package dev.outdial.app.dashboard;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day of calls, in the zone the caller asked for: what a chart draws.
 *
 * @param answered a conversation happened
 * @param voicemail a voicemail answered
 * @param failed everything else that ended without a conversation (failed, unknown, ...)
 * @param avgLeadScore the average total score of the day's scored calls, or null
 */
public record CallDayView(
    LocalDate day,
    int calls,
    int answered,
    int busy,
    int noAnswer,
    int voicemail,
    int failed,
    int minutes,
    int credits,
    BigDecimal avgLeadScore) {

  /** A day without calls. */
  static CallDayView none(LocalDate day) {
    return new CallDayView(day, 0, 0, 0, 0, 0, 0, 0, 0, null);
  }
}
