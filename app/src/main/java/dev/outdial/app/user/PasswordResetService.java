package dev.outdial.app.user;

import dev.outdial.activities.mail.MailOutbox;
import dev.outdial.activities.mail.MailTokens;
import dev.outdial.activities.mail.NewMail;
import dev.outdial.app.mail.MailSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passwords reset by mail: a request mails a single-use, expiring link to the address if an active
 * account has it, and says the same whether or not one does; following the link sets a new password
 * and ends every other reset link of the account.
 */
@Service
public class PasswordResetService {

  private static final Logger log = LoggerFactory.getLogger(PasswordResetService.class);

  private final UserRepository users;
  private final MailTokens tokens;
  private final MailOutbox outbox;
  private final MailSettings settings;
  private final AccountLinks links;
  private final PasswordEncoder passwordEncoder;
  private final SignInThrottle throttle;
  private final Clock clock;

  public PasswordResetService(
      UserRepository users,
      MailTokens tokens,
      MailOutbox outbox,
      MailSettings settings,
      AccountLinks links,
      PasswordEncoder passwordEncoder,
      SignInThrottle throttle,
      Clock clock) {
    this.users = users;
    this.tokens = tokens;
    this.outbox = outbox;
    this.settings = settings;
    this.links = links;
    this.passwordEncoder = passwordEncoder;
    this.throttle = throttle;
    this.clock = clock;
  }

  /**
   * Mails a reset link when an active account has this address and none was mailed within the
   * resend interval; otherwise does nothing, and the caller cannot tell which. 429 only when this
   * client address tries too often, as for sign-in.
   */
  @Transactional
  public void request(PasswordResetRequest request, String clientAddress) {
    throttle.attemptFrom(clientAddress);
    var credentials = users.findCredentials(UserService.normalizeEmail(request.email()));
    if (credentials.isEmpty() || !credentials.get().isActive()) {
      log.info("Password reset asked for an address no active account has");
      return;
    }
    var account = users.lockForMail(credentials.get().id()).orElseThrow();
    Instant now = clock.instant();
    var last = tokens.lastIssued(account.id(), NewMail.PASSWORD_RESET);
    if (last.isPresent() && last.get().plus(settings.resendInterval()).isAfter(now)) {
      log.info("Password reset for user {} mailed moments ago; not again", account.id());
      return;
    }
    Instant expires = now.plus(settings.resetLinkTtl());
    String token =
        tokens.issue(
            account.id(), NewMail.PASSWORD_RESET, account.email(), now, settings.resetLinkTtl());
    String body =
        "Hello "
            + account.name()
            + ",\n\nsomeone (we hope you) asked to set a new password for the Outdial account "
            + account.email()
            + ". Open this link to choose it:\n\n"
            + links.resetPassword(account.id(), token)
            + "\n\nThe link works once, until "
            + EmailVerificationService.WHEN.format(expires)
            + ". If you did not ask, ignore this mail: your password stays as it is.\n";
    outbox.add(
        new NewMail(
            account.id(),
            account.email(),
            "Set a new password for Outdial",
            body,
            NewMail.PASSWORD_RESET));
    log.info("Password reset mailed to user {}", account.id());
  }

  /**
   * Sets the new password when the link's token is the user's, unused and not expired: 400
   * otherwise, and nothing changes. The address it came to counts as verified, earlier wrong
   * passwords are forgotten, and every other reset link of the account ends.
   */
  @Transactional
  public void reset(NewPasswordRequest request) {
    UUID userId = request.userId();
    Instant now = clock.instant();
    String email =
        tokens
            .redeem(userId, NewMail.PASSWORD_RESET, request.token(), now)
            .orElseThrow(EmailVerificationService::invalidLink);
    if (!users.resetPassword(userId, email, passwordEncoder.encode(request.password()))) {
      throw EmailVerificationService.invalidLink();
    }
    tokens.revokeAll(userId, NewMail.PASSWORD_RESET, now);
    throttle.signedIn(email);
    log.info("User {} set a new password through a mailed link", userId);
  }
}
