package dev.outdial.app.user;

import dev.outdial.activities.mail.MailOutbox;
import dev.outdial.activities.mail.MailTokens;
import dev.outdial.activities.mail.NewMail;
import dev.outdial.app.mail.MailDelivery;
import dev.outdial.app.mail.MailSettings;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Verified addresses: the mail with a single-use, expiring link that sign-up sends (and that can be
 * sent again, at most once per {@code outdial.mail.resend-interval}), following the link, and the
 * check that refuses dialing to an unverified account where verification is required.
 */
@Service
public class EmailVerificationService {

  private static final Logger log = LoggerFactory.getLogger(EmailVerificationService.class);

  static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final UserRepository users;
  private final MailTokens tokens;
  private final MailOutbox outbox;
  private final MailSettings settings;
  private final MailDelivery delivery;
  private final AccountLinks links;
  private final Clock clock;

  public EmailVerificationService(
      UserRepository users,
      MailTokens tokens,
      MailOutbox outbox,
      MailSettings settings,
      MailDelivery delivery,
      AccountLinks links,
      Clock clock) {
    this.users = users;
    this.tokens = tokens;
    this.outbox = outbox;
    this.settings = settings;
    this.delivery = delivery;
    this.links = links;
    this.clock = clock;
  }

  /**
   * Puts a verification mail in the outbox, in the caller's transaction: it exists exactly when the
   * sign-up (or the request to send it again) commits.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Instant send(UUID userId, String email, String name) {
    Instant now = clock.instant();
    Instant expires = now.plus(settings.verificationLinkTtl());
    String token =
        tokens.issue(
            userId, NewMail.EMAIL_VERIFICATION, email, now, settings.verificationLinkTtl());
    String body =
        "Hello "
            + name
            + ",\n\nplease confirm that "
            + email
            + " is your address for Outdial by opening this link:\n\n"
            + links.verifyEmail(userId, token)
            + "\n\nThe link works once, until "
            + WHEN.format(expires)
            + ". If you did not create an Outdial account, ignore this mail.\n";
    outbox.add(
        new NewMail(
            userId,
            email,
            "Verify your email address for Outdial",
            body,
            NewMail.EMAIL_VERIFICATION));
    users.markVerificationSent(userId, now);
    return now;
  }

  /**
   * Sends the caller a new verification mail: 409 when the address is verified already, 429 when
   * the last one left less than the resend interval ago.
   */
  @Transactional
  public VerificationMailView resend(CurrentUser caller) {
    var account =
        users.lockForMail(caller.id()).orElseThrow(() -> ApiException.notFound("Your account"));
    if (account.emailVerified()) {
      throw ApiException.conflict("Your email address " + account.email() + " is verified already");
    }
    Instant now = clock.instant();
    Instant last = account.emailVerificationSentAt();
    if (last != null && last.plus(settings.resendInterval()).isAfter(now)) {
      Duration wait = Duration.between(now, last.plus(settings.resendInterval()));
      throw new TooManyAttemptsException(
          "A verification mail went to "
              + account.email()
              + " moments ago; try again in "
              + SignInThrottle.humane(wait),
          wait);
    }
    Instant sent = send(account.id(), account.email(), account.name());
    log.info("Verification mail sent again to user {}", account.id());
    return new VerificationMailView(account.email(), sent);
  }

  /**
   * Follows a verification link: the token must be the user's, unused and not expired, and the
   * address it went to still the account's. Otherwise 400, and nothing changes.
   */
  @Transactional
  public EmailVerifiedView confirm(UUID userId, String token) {
    String email =
        tokens
            .redeem(userId, NewMail.EMAIL_VERIFICATION, token, clock.instant())
            .orElseThrow(EmailVerificationService::invalidLink);
    if (!users.markVerified(userId, email)) {
      throw invalidLink();
    }
    log.info("User {} verified their email address", userId);
    return new EmailVerifiedView(userId, email, true);
  }

  /**
   * Refuses with 403, saying how to verify, when verification is required and the caller's address
   * is not verified yet.
   */
  @Transactional(readOnly = true)
  public void requireVerified(CurrentUser caller) {
    if (!delivery.verificationRequired()) {
      return;
    }
    UserView account =
        users.findById(caller.id()).orElseThrow(() -> ApiException.notFound("Your account"));
    if (!account.emailVerified()) {
      throw ApiException.forbidden(
          "Verify your email address first: follow the link we sent to "
              + account.email()
              + ". To have it sent again, use Send it again in the console's banner or POST"
              + " /api/auth/verification");
    }
  }

  /** Whether the console reminds this account to verify its address. */
  public boolean remind(UserView account) {
    return account != null && !account.emailVerified() && delivery.remindUnverified();
  }

  static ApiException invalidLink() {
    return ApiException.badRequest(
        "This link is not valid: it was used already, has expired or belongs to another account");
  }
}
