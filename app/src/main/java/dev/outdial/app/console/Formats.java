package dev.outdial.app.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import org.springframework.stereotype.Component;

/**
 * How the console writes times and lengths, as {@code ${@fmt.time(call.created_at)}}: instants in
 * UTC and saying so, since the platform serves recipients in many zones.
 */
@Component("fmt")
public class Formats {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  /** An instant as {@code 2026-12-02 15:04 UTC}; empty for none. */
  public String time(Object value) {
    if (value == null) {
      return "";
    }
    TemporalAccessor at = null;
    if (value instanceof Instant instant) {
      at = instant;
    } else if (value instanceof OffsetDateTime offset) {
      at = offset.toInstant();
    } else if (value instanceof java.sql.Timestamp timestamp) {
      at = timestamp.toInstant();
    }
    return at == null ? value.toString() : TIME.format(at) + " UTC";
  }

  /** A form field's name as words: {@code phoneNumber} as {@code phone number}. */
  public String words(String field) {
    if (field == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(field.length() + 4);
    for (char c : field.toCharArray()) {
      if (Character.isUpperCase(c)) {
        out.append(' ').append(Character.toLowerCase(c));
      } else {
        out.append(c == '_' ? ' ' : c);
      }
    }
    return out.toString();
  }

  /** Seconds as {@code 1 min 05 s}, or {@code 42 s}. */
  public String seconds(Object value) {
    if (!(value instanceof Number number)) {
      return "";
    }
    long seconds = Math.round(number.doubleValue());
    return seconds < 60 ? seconds + " s" : "%d min %02d s".formatted(seconds / 60, seconds % 60);
  }
}
