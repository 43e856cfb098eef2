package dev.outdial.app.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A keyset position: the sort value and id of the last item of a page. Pages that continue after it
 * stay stable while rows are inserted, unlike offsets.
 */
public record Cursor(Instant at, UUID id) {

  public String encode() {
    String raw = at.toString() + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  public static Cursor decode(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      return new Cursor(
          Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
    } catch (IllegalArgumentException
        | DateTimeParseException
        | StringIndexOutOfBoundsException e) {
      throw ApiException.badRequest("cursor is not one this API gave out");
    }
  }

  /**
   * Cuts the rows fetched with {@link PageRequest#fetchSize()} down to a page and derives the next
   * cursor from the last item kept.
   */
  public static <T> Page<T> page(List<T> rows, PageRequest request, Function<T, Cursor> position) {
    if (rows.size() <= request.limit()) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, request.limit());
    return new Page<>(List.copyOf(items), position.apply(items.get(items.size() - 1)).encode());
  }
}
