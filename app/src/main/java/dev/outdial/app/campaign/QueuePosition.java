package dev.outdial.app.campaign;

import dev.outdial.app.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque cursor of a campaign's queue: the position after which the next page starts. */
final class QueuePosition {

  private static final String PREFIX = "position:";

  private QueuePosition() {}

  static String encode(int position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
  }

  /** 0 (the start of the queue) for no cursor. */
  static int decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!raw.startsWith(PREFIX)) {
        throw new IllegalArgumentException(raw);
      }
      return Integer.parseInt(raw.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("cursor is not one this API gave out");
    }
  }
}
