package dev.outdial.activities.mail;

import java.util.UUID;

/**
 * A mail to put in the outbox.
 *
 * @param userId the account it is about, or null
 * @param kind {@code email_verification} or {@code password_reset}
 */
public record NewMail(UUID userId, String toAddress, String subject, String body, String kind) {

  public static final String EMAIL_VERIFICATION = "email_verification";
  public static final String PASSWORD_RESET = "password_reset";
}
