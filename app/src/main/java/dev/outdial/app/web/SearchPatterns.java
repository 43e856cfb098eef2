package dev.outdial.app.web;

/**
 * What a list's {@code search} becomes in SQL: a LIKE pattern for "contains", with {@code ESCAPE
 * '\'}.
 */
public final class SearchPatterns {

  private SearchPatterns() {}

  /**
   * {@code %text%} with the text's own {@code %}, {@code _} and {@code \} taken literally; null for
   * no search.
   */
  public static String containing(String search) {
    if (search == null || search.isBlank()) {
      return null;
    }
    String text = search.strip();
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
