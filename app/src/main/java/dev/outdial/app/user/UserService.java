package dev.outdial.app.user;

import dev.outdial.activities.billing.CreditLedger;
import dev.outdial.activities.billing.CreditType;
import dev.outdial.activities.billing.LedgerEntry;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.security.Role;
import dev.outdial.app.security.TokenService;
import dev.outdial.app.web.ApiException;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sign-up, login and the caller's own profile. */
@Service
public class UserService {

  /** Credits every new account starts with, written as a {@code bonus} ledger row. */
  public static final int WELCOME_CREDITS = 15;

  private static final Logger log = LoggerFactory.getLogger(UserService.class);

  private final UserRepository users;
  private final CreditLedger ledger;
  private final PasswordEncoder passwordEncoder;
  private final TokenService tokens;
  private final SignInThrottle throttle;
  private final EmailVerificationService verification;

  public UserService(
      UserRepository users,
      CreditLedger ledger,
      PasswordEncoder passwordEncoder,
      TokenService tokens,
      SignInThrottle throttle,
      EmailVerificationService verification) {
    this.users = users;
    this.ledger = ledger;
    this.passwordEncoder = passwordEncoder;
    this.tokens = tokens;
    this.throttle = throttle;
    this.verification = verification;
  }

  @Transactional
  public AuthResponse signup(SignupRequest request, String clientAddress) {
    return respond(register(request, clientAddress));
  }

  /**
   * A new customer account, for the API's sign-up and the console's: 429 when this address or this
   * email tried too often lately. Its verification mail is in the outbox when this commits.
   */
  @Transactional
  public UserView register(SignupRequest request, String clientAddress) {
    throttle.attemptFrom(clientAddress);
    throttle.signUpFor(request.email());
    UserView user = createUser(request.email(), request.name(), request.password(), Role.USER);
    verification.send(user.id(), user.email(), user.name());
    log.info("New account {} ({})", user.id(), user.email());
    return users.findById(user.id()).orElseThrow();
  }

  /**
   * Creates an account with its welcome credits. Used by sign-up and by the operator's bootstrap of
   * the first super_admin.
   */
  @Transactional
  public UserView createUser(String email, String name, String password, Role role) {
    String normalizedEmail = normalizeEmail(email);
    if (users.emailExists(normalizedEmail)) {
      throw emailTaken();
    }
    UUID id;
    try {
      id =
          users.insert(
              normalizedEmail, name.strip(), passwordEncoder.encode(password), role.dbValue());
    } catch (DuplicateKeyException e) {
      throw emailTaken();
    }
    grantWelcomeCredits(id);
    return users.findById(id).orElseThrow();
  }

  /** The credits a new account starts with, once however often this runs. */
  void grantWelcomeCredits(UUID id) {
    ledger.apply(
        LedgerEntry.of(id, CreditType.BONUS, WELCOME_CREDITS, "Welcome credits")
            .withIdempotencyKey("welcome:" + id));
  }

  @Transactional(readOnly = true)
  public AuthResponse login(LoginRequest request, String clientAddress) {
    return respond(authenticate(request, clientAddress));
  }

  /**
   * The account these credentials open: 401 when the email or password is wrong (never saying
   * which), 403 when the account is deactivated, 429 when this address tried too often lately or
   * the account took too many wrong passwords.
   */
  @Transactional(readOnly = true)
  public UserView authenticate(LoginRequest request, String clientAddress) {
    throttle.attemptFrom(clientAddress);
    throttle.accountOpen(request.email());
    var credentials = users.findCredentials(normalizeEmail(request.email()));
    if (credentials.isEmpty()
        || credentials.get().passwordHash() == null
        || !passwordEncoder.matches(request.password(), credentials.get().passwordHash())) {
      throttle.failedSignIn(request.email());
      throw new ApiException(
          HttpStatus.UNAUTHORIZED, "Unauthorized", "The email or the password is wrong");
    }
    throttle.signedIn(request.email());
    if (!credentials.get().isActive()) {
      throw ApiException.forbidden("This account is deactivated; ask an administrator");
    }
    return users.findById(credentials.get().id()).orElseThrow();
  }

  @Transactional(readOnly = true)
  public UserView me(CurrentUser caller) {
    return users.findById(caller.id()).orElseThrow(() -> ApiException.notFound("Your account"));
  }

  @Transactional
  public UserView updateProfile(CurrentUser caller, ProfilePatch patch) {
    if (!users.updateProfile(caller.id(), patch)) {
      throw ApiException.notFound("Your account");
    }
    return me(caller);
  }

  /** The API's bearer token for a signed-in account. */
  AuthResponse respond(UserView user) {
    var token = tokens.issue(new CurrentUser(user.id(), user.email(), Role.fromDb(user.role())));
    return new AuthResponse(token.token(), token.expiresAt(), user);
  }

  static String normalizeEmail(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  private static ApiException emailTaken() {
    return ApiException.conflict("An account with this email exists already");
  }
}
