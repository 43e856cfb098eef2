package dev.outdial.app.admin;

import dev.outdial.activities.billing.CreditLedger;
import dev.outdial.activities.billing.CreditType;
import dev.outdial.activities.billing.LedgerEntry;
import dev.outdial.activities.billing.LedgerResult;
import dev.outdial.activities.campaign.DailyWindow;
import dev.outdial.app.campaign.CampaignWorkflows;
import dev.outdial.app.campaign.QuietHours;
import dev.outdial.app.dispatch.Dispatcher;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.security.Role;
import dev.outdial.app.system.PlatformLimits;
import dev.outdial.app.user.UserRepository;
import dev.outdial.app.user.UserView;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.Cursor;
import dev.outdial.app.web.FieldError;
import dev.outdial.app.web.InvalidFieldsException;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to accounts and the platform. Admins manage ordinary users; only a
 * super_admin manages administrators, grants or removes admin roles and changes platform limits.
 * The last active super_admin can be neither demoted nor deactivated.
 */
@Service
public class AdminService {

  private static final Logger log = LoggerFactory.getLogger(AdminService.class);

  private final UserRepository users;
  private final CreditLedger ledger;
  private final PlatformLimits limits;
  private final JdbcClient jdbc;
  private final QuietHours quietHours;
  private final Dispatcher dispatcher;
  private final CampaignWorkflows campaigns;

  public AdminService(
      UserRepository users,
      CreditLedger ledger,
      PlatformLimits limits,
      JdbcClient jdbc,
      QuietHours quietHours,
      Dispatcher dispatcher,
      CampaignWorkflows campaigns) {
    this.users = users;
    this.ledger = ledger;
    this.limits = limits;
    this.jdbc = jdbc;
    this.quietHours = quietHours;
    this.dispatcher = dispatcher;
    this.campaigns = campaigns;
  }

  /** Users newest first; {@code search} (may be null) keeps those whose email or name has it. */
  @Transactional(readOnly = true)
  public Page<UserView> listUsers(String search, PageRequest page) {
    var rows =
        page.cursor() == null
            ? users.findPage(search, null, null, page.fetchSize())
            : users.findPage(search, page.cursor().at(), page.cursor().id(), page.fetchSize());
    return Cursor.page(rows, page, user -> new Cursor(user.createdAt(), user.id()));
  }

  @Transactional(readOnly = true)
  public UserView user(UUID userId) {
    return users.findById(userId).orElseThrow(() -> ApiException.notFound("User"));
  }

  @Transactional
  public UserView updateUser(CurrentUser admin, UUID userId, AdminUserPatch patch) {
    // Lock every super_admin row first, so two concurrent demotions cannot both see "another
    // super_admin is left".
    jdbc.sql("SELECT id FROM users WHERE role = 'super_admin' FOR UPDATE").query().listOfRows();
    UserView target = users.findById(userId).orElseThrow(() -> ApiException.notFound("User"));
    Role targetRole = Role.fromDb(target.role());
    boolean callerIsSuper = admin.role() == Role.SUPER_ADMIN;

    if (targetRole.isAdmin() && !callerIsSuper) {
      throw ApiException.forbidden("Only a super_admin may change an administrator's account");
    }
    Role newRole = patch.role() == null ? targetRole : Role.fromDb(patch.role());
    if (newRole != targetRole && !callerIsSuper) {
      throw ApiException.forbidden("Only a super_admin may grant or remove admin roles");
    }
    boolean losesSuper =
        targetRole == Role.SUPER_ADMIN
            && target.isActive()
            && (newRole != Role.SUPER_ADMIN || Boolean.FALSE.equals(patch.isActive()));
    if (losesSuper && activeSuperAdmins() <= 1) {
      throw ApiException.conflict(
          "This is the last active super_admin; make another super_admin first");
    }

    jdbc.sql(
            """
            UPDATE users SET
              is_active = COALESCE(:isActive, is_active),
              role = :role,
              concurrent_calls_limit = COALESCE(:limit, concurrent_calls_limit),
              updated_at = now()
            WHERE id = :id
            """)
        .param("isActive", patch.isActive())
        .param("role", newRole.dbValue())
        .param("limit", patch.concurrentCallsLimit())
        .param("id", userId)
        .update();
    log.info("Admin {} changed user {}: {}", admin.id(), userId, patch);
    if (patch.concurrentCallsLimit() != null) {
      dispatcher.wake();
    }
    return users.findById(userId).orElseThrow();
  }

  /**
   * Adds or takes credits as an {@code admin_adjustment} row naming the admin. With an idempotency
   * key, a repeated request changes nothing.
   */
  @Transactional
  public CreditAdjustmentView adjustCredits(
      CurrentUser admin, UUID userId, CreditAdjustmentRequest request, String idempotencyKey) {
    if (users.findById(userId).isEmpty()) {
      throw ApiException.notFound("User");
    }
    if (request.amount() == 0) {
      throw ApiException.badRequest("amount must not be 0");
    }
    if (userId.equals(admin.id()) && admin.role() != Role.SUPER_ADMIN) {
      throw ApiException.forbidden("Only a super_admin may adjust their own credits");
    }
    LedgerEntry entry =
        LedgerEntry.of(userId, CreditType.ADMIN_ADJUSTMENT, request.amount(), request.description())
            .withCreatedBy(admin.id());
    if (idempotencyKey != null && !idempotencyKey.isBlank()) {
      entry = entry.withIdempotencyKey("admin:" + admin.id() + ":" + idempotencyKey.strip());
    }
    LedgerResult result = ledger.apply(entry);
    if (request.amount() > 0) {
      campaigns.creditsArrived(userId);
    }
    return new CreditAdjustmentView(
        result.transactionId(),
        result.duplicate() ? request.amount() : result.applied(),
        result.balanceAfter());
  }

  @Transactional(readOnly = true)
  public SystemLimits systemLimits() {
    return new SystemLimits(limits.systemConcurrentCallsLimit());
  }

  @Transactional
  public SystemLimits setSystemLimits(CurrentUser admin, SystemLimits request) {
    if (admin.role() != Role.SUPER_ADMIN) {
      throw ApiException.forbidden("Only a super_admin may change platform limits");
    }
    limits.setSystemConcurrentCallsLimit(request.systemConcurrentCallsLimit(), admin.id());
    dispatcher.wake();
    log.info(
        "Super admin {} set the platform limit to {} calls at once",
        admin.id(),
        request.systemConcurrentCallsLimit());
    return systemLimits();
  }

  @Transactional(readOnly = true)
  public QuietHoursView quietHours() {
    DailyWindow window = quietHours.current();
    return window == null
        ? new QuietHoursView(false, null, null)
        : new QuietHoursView(true, window.start().toString(), window.end().toString());
  }

  @Transactional
  public QuietHoursView setQuietHours(CurrentUser admin, QuietHoursView request) {
    if (admin.role() != Role.SUPER_ADMIN) {
      throw ApiException.forbidden("Only a super_admin may change quiet hours");
    }
    if (Boolean.FALSE.equals(request.enabled())) {
      quietHours.set(null, admin.id());
    } else {
      if (request.start() == null
          || request.end() == null
          || request.start().equals(request.end())) {
        throw new InvalidFieldsException(
            List.of(
                new FieldError(
                    "start", "give start and end (HH:mm, different), or enabled: false")));
      }
      quietHours.set(
          new DailyWindow(LocalTime.parse(request.start()), LocalTime.parse(request.end())),
          admin.id());
    }
    log.info("Super admin {} set quiet hours to {}", admin.id(), request);
    dispatcher.wake();
    return quietHours();
  }

  private int activeSuperAdmins() {
    return jdbc.sql("SELECT count(*) FROM users WHERE role = 'super_admin' AND is_active")
        .query(Integer.class)
        .single();
  }
}
