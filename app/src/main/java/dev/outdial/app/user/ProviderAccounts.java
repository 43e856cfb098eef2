package dev.outdial.app.user;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.security.Role;
import dev.outdial.app.web.ApiException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts that sign in with Google, GitHub or LinkedIn. A provider's subject finds its account; a
 * first sign-in makes one; an address that already has an account is joined to a provider only by
 * someone signed in to that account ({@link #link}), never by the address alone.
 */
@Service
public class ProviderAccounts {

  private static final Logger log = LoggerFactory.getLogger(ProviderAccounts.class);

  private final UserRepository users;
  private final UserService accounts;
  private final SignInThrottle throttle;
  private final EmailVerificationService verification;

  public ProviderAccounts(
      UserRepository users,
      UserService accounts,
      SignInThrottle throttle,
      EmailVerificationService verification) {
    this.users = users;
    this.accounts = accounts;
    this.throttle = throttle;
    this.verification = verification;
  }

  /**
   * The account this identity signs in to, made on its first sign-in: 409 when its address belongs
   * to another account (which must link the provider itself), 403 when the account is deactivated,
   * 400 when the provider gave no address, 429 when this client made too many accounts lately.
   */
  @Transactional
  public UserView signIn(ProviderIdentity identity, String clientAddress) {
    var known = users.findByProviderSubject(identity.provider().id(), identity.subject());
    if (known.isPresent()) {
      if (!known.get().isActive()) {
        throw ApiException.forbidden("This account is deactivated; ask an administrator");
      }
      log.info("Sign-in of {} with {}", known.get().id(), identity.provider().displayName());
      return users.findById(known.get().id()).orElseThrow();
    }
    if (identity.email() == null || identity.email().isBlank()) {
      throw ApiException.badRequest(
          "Your "
              + identity.provider().displayName()
              + " account gives no verified email address; add one there, or sign up with your"
              + " email and a password");
    }
    String email = UserService.normalizeEmail(identity.email());
    if (users.emailExists(email)) {
      throw ApiException.conflict(
          "An account with "
              + email
              + " exists already. Sign in to it with its password, then connect "
              + identity.provider().displayName()
              + " on your profile page.");
    }
    if (users.subjectTaken(identity.subject())) {
      throw ApiException.conflict(
          "This "
              + identity.provider().displayName()
              + " account cannot be used here; sign up with your email and a password");
    }
    throttle.attemptFrom(clientAddress);
    throttle.signUpFor(email);
    UUID id;
    try {
      id =
          users.insertFromProvider(
              email,
              displayName(identity, email),
              Role.USER.dbValue(),
              identity.provider().id(),
              identity.subject(),
              identity.emailVerified());
    } catch (DuplicateKeyException e) {
      throw ApiException.conflict(
          "This account was created a moment ago by another sign-in; sign in again");
    }
    accounts.grantWelcomeCredits(id);
    UserView user = users.findById(id).orElseThrow();
    if (!identity.emailVerified()) {
      verification.send(user.id(), user.email(), user.name());
    }
    log.info(
        "New account {} ({}) from {}, address {}",
        id,
        email,
        identity.provider().displayName(),
        identity.emailVerified() ? "verified by the provider" : "to be verified by mail");
    return users.findById(id).orElseThrow();
  }

  /**
   * Lets the signed-in account sign in with this identity too: 409 when the identity belongs to
   * another account or the account is linked to another identity already. The provider's address
   * need not be the account's; when it is and the provider vouches for it, the account's address is
   * verified.
   */
  @Transactional
  public UserView link(CurrentUser caller, ProviderIdentity identity) {
    var account =
        users
            .lockProviderAccount(caller.id())
            .orElseThrow(() -> ApiException.notFound("Your account"));
    String provider = identity.provider().displayName();
    var holder = users.findByProviderSubject(identity.provider().id(), identity.subject());
    if (holder.isPresent()) {
      if (holder.get().id().equals(caller.id())) {
        return users.findById(caller.id()).orElseThrow();
      }
      throw ApiException.conflict(
          "This " + provider + " account signs in to another Outdial account already");
    }
    if (account.stackAuthUserId() != null) {
      throw ApiException.conflict(
          "Your account signs in with "
              + IdentityProvider.byId(account.authProvider())
                  .map(IdentityProvider::displayName)
                  .orElse(account.authProvider())
              + " already; an account connects to one provider");
    }
    if (users.subjectTaken(identity.subject())) {
      throw ApiException.conflict(
          "This " + provider + " account cannot be connected; its id is in use");
    }
    boolean sameAddress =
        identity.email() != null
            && UserService.normalizeEmail(identity.email()).equals(account.email());
    users.linkProvider(
        caller.id(),
        identity.provider().id(),
        identity.subject(),
        sameAddress && identity.emailVerified());
    log.info("Account {} now signs in with {} as well", caller.id(), provider);
    return users.findById(caller.id()).orElseThrow();
  }

  /** The API's bearer token for an account a provider signed in. */
  public AuthResponse tokenFor(UserView user) {
    return accounts.respond(user);
  }

  private static String displayName(ProviderIdentity identity, String email) {
    if (identity.name() != null && !identity.name().isBlank()) {
      String name = identity.name().strip();
      return name.length() > 255 ? name.substring(0, 255) : name;
    }
    return email.substring(0, email.indexOf('@'));
  }
}
