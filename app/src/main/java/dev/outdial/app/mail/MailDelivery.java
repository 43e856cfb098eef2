package dev.outdial.app.mail;

import java.util.Locale;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Whether mails leave the platform (SMTP is configured with {@code spring.mail.host}) and whether
 * an account must verify its address before it may dial ({@code outdial.email.verification}: {@code
 * required} or {@code optional}; by default required exactly when SMTP is configured, so the
 * embedded defaults work without a mail server).
 */
@Component
public class MailDelivery {

  private final boolean smtp;
  private final boolean verificationRequired;

  public MailDelivery(Environment environment, EmailSettings settings) {
    this.smtp = !environment.getProperty("spring.mail.host", "").isBlank();
    String mode = settings.verification().strip().toLowerCase(Locale.ROOT);
    this.verificationRequired =
        switch (mode) {
          case "" -> smtp;
          case "required" -> true;
          case "optional" -> false;
          default ->
              throw new IllegalStateException(
                  "OUTDIAL_EMAIL_VERIFICATION must be required or optional, not " + mode);
        };
  }

  /** Mails are sent through SMTP; otherwise they wait in the outbox. */
  public boolean smtp() {
    return smtp;
  }

  /** An unverified account may not start campaigns or place calls. */
  public boolean verificationRequired() {
    return verificationRequired;
  }

  /** Whether to remind an unverified account: only when a mail can reach it or it must. */
  public boolean remindUnverified() {
    return smtp || verificationRequired;
  }
}
