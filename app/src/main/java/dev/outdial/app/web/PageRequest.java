package dev.outdial.app.web;

/**
 * The {@code limit} (default 50, at most 500) and {@code cursor} of a list request.
 *
 * @param limit how many items at most
 * @param cursor where the previous page ended, or null for the first page
 */
public record PageRequest(int limit, Cursor cursor) {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 500;

  public static PageRequest of(Integer limit, String cursor) {
    int effective = limit == null ? DEFAULT_LIMIT : limit;
    if (effective < 1 || effective > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    return new PageRequest(
        effective, cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
  }

  /** Asks the query for one more row than the limit, to learn whether another page follows. */
  public int fetchSize() {
    return limit + 1;
  }
}
