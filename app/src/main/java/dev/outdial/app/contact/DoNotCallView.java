package dev.outdial.app.contact;

import dev.outdial.activities.contact.DoNotCallList;
import java.time.Instant;
import java.util.UUID;

/** A number on a do-not-call list. */
public record DoNotCallView(
    UUID id, String phoneNumber, String reason, String source, UUID createdBy, Instant createdAt) {

  static DoNotCallView of(DoNotCallList.Entry entry) {
    return new DoNotCallView(
        entry.id(),
        entry.phoneNumber(),
        entry.reason(),
        entry.source(),
        entry.createdBy(),
        entry.createdAt());
  }
}
