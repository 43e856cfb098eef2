package dev.outdial.app.call;

import dev.outdial.activities.campaign.CallingWindows;
import dev.outdial.activities.contact.PhoneNumbers;
import dev.outdial.app.agent.AgentRepository;
import dev.outdial.app.agent.AgentView;
import dev.outdial.app.campaign.QuietHours;
import dev.outdial.app.dispatch.Dispatcher;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.temporal.AfterCommit;
import dev.outdial.app.user.EmailVerificationService;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.FieldError;
import dev.outdial.app.web.InvalidFieldsException;
import dev.outdial.workflows.common.WorkflowIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accepting one-off calls: each is queued, then dialed by its own CallWorkflow. */
@Service
public class CallService {

  private static final Logger log = LoggerFactory.getLogger(CallService.class);

  private final AgentRepository agents;
  private final JdbcClient jdbc;
  private final OneOffCalls calls;
  private final CallSettings settings;
  private final QuietHours quietHours;
  private final Dispatcher dispatcher;
  private final Clock clock;
  private final EmailVerificationService verification;

  public CallService(
      AgentRepository agents,
      JdbcClient jdbc,
      OneOffCalls calls,
      CallSettings settings,
      QuietHours quietHours,
      Dispatcher dispatcher,
      Clock clock,
      EmailVerificationService verification) {
    this.verification = verification;
    this.agents = agents;
    this.jdbc = jdbc;
    this.calls = calls;
    this.settings = settings;
    this.quietHours = quietHours;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  record Contact(UUID id, String name, String phoneNumber, boolean doNotCall) {}

  /**
   * Queues the call: the dispatcher gives it a slot under the owner's and the platform's limits,
   * not before {@code scheduled_at} and not inside the recipient's quiet hours, and the dial gate
   * checks it again at the moment of dialing. With an idempotency key, a repeated request answers
   * the call it queued before instead of queueing another.
   */
  @Transactional
  public StartedCall start(CurrentUser caller, StartCallRequest request, String idempotencyKey) {
    verification.requireVerified(caller);
    AgentView agent =
        agents
            .find(caller.id(), request.agentId())
            .orElseThrow(() -> ApiException.notFound("Agent"));
    if (!agent.isActive()) {
      throw ApiException.conflict("The agent is deactivated");
    }
    Contact contact = contactFor(caller, request);
    if (contact.doNotCall()) {
      throw ApiException.conflict("The contact asked not to be called again");
    }
    if (onDoNotCallList(caller.id(), contact.phoneNumber())) {
      throw ApiException.conflict("The number is on a do-not-call list");
    }
    UUID requestId =
        idempotencyKey == null || idempotencyKey.isBlank()
            ? UUID.randomUUID()
            : UUID.nameUUIDFromBytes(
                (caller.id() + ":" + idempotencyKey.strip()).getBytes(StandardCharsets.UTF_8));
    String workflowId = WorkflowIds.adhocCall(requestId);
    Map<String, String> userData = new java.util.LinkedHashMap<>();
    userData.put("name", contact.name());
    if (request.userData() != null) {
      userData.putAll(request.userData());
    }
    Instant now = clock.instant();
    Instant asked =
        request.scheduledAt() == null || request.scheduledAt().toInstant().isBefore(now)
            ? now
            : request.scheduledAt().toInstant();
    List<ZoneId> zones = CallingWindows.recipientZones(contact.phoneNumber(), ZoneOffset.UTC);
    Instant due =
        CallingWindows.nextOpening(asked, zones, null, null, null, quietHours.current())
            .orElseThrow(
                () -> ApiException.conflict("Quiet hours leave no hour to call this number"));
    String note =
        due.isAfter(asked)
            ? "inside quiet hours in the recipient's time ("
                + zones.stream().map(ZoneId::getId).distinct().collect(Collectors.joining(", "))
                + "); scheduled for their end"
            : null;
    boolean queued =
        calls.enqueue(
            workflowId,
            caller.id(),
            agent.id(),
            contact.id(),
            contact.phoneNumber(),
            userData,
            settings.adhocMaxAttempts(),
            settings.adhocRetryDelay(),
            due,
            note);
    if (queued) {
      log.info(
          "User {} queued call {} to {} for {}{}",
          caller.id(),
          workflowId,
          contact.phoneNumber(),
          due,
          note == null ? "" : " (" + note + ")");
      AfterCommit.run(dispatcher::wake);
    } else {
      log.info("Call {} was queued before; not queueing it again", workflowId);
    }
    return calls.find(workflowId).orElseThrow();
  }

  private boolean onDoNotCallList(UUID userId, String phoneNumber) {
    return jdbc.sql(
            """
            SELECT EXISTS (SELECT 1 FROM do_not_call_numbers
                           WHERE phone_number = :phone AND (user_id = :userId OR user_id IS NULL))
            """)
        .param("phone", phoneNumber)
        .param("userId", userId)
        .query(Boolean.class)
        .single();
  }

  private Contact contactFor(CurrentUser caller, StartCallRequest request) {
    if (request.contactId() != null) {
      return jdbc.sql(
              "SELECT id, name, phone_number, do_not_call FROM contacts WHERE id = :id AND user_id = :userId")
          .param("id", request.contactId())
          .param("userId", caller.id())
          .query(Contact.class)
          .optional()
          .orElseThrow(() -> ApiException.notFound("Contact"));
    }
    if (request.phoneNumber() == null || request.phoneNumber().isBlank()) {
      throw new InvalidFieldsException(
          List.of(new FieldError("contact_id", "give contact_id or phone_number")));
    }
    PhoneNumbers.Result number =
        PhoneNumbers.normalize(request.phoneNumber(), request.defaultRegion());
    if (number instanceof PhoneNumbers.Invalid invalid) {
      throw new InvalidFieldsException(List.of(new FieldError("phone_number", invalid.reason())));
    }
    String e164 = ((PhoneNumbers.Valid) number).e164();
    String name =
        request.name() == null || request.name().isBlank() ? e164 : request.name().strip();
    return jdbc.sql(
            """
            INSERT INTO contacts (user_id, name, phone_number, auto_creation_source)
            VALUES (:userId, :name, :phone, 'manual')
            ON CONFLICT (user_id, phone_number) DO UPDATE SET updated_at = contacts.updated_at
            RETURNING id, name, phone_number, do_not_call
            """)
        .param("userId", caller.id())
        .param("name", name)
        .param("phone", e164)
        .query(Contact.class)
        .single();
  }
}
