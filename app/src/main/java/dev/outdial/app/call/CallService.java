package dev.outdial.app.call;

import dev.outdial.activities.contact.PhoneNumbers;
import dev.outdial.app.agent.AgentRepository;
import dev.outdial.app.agent.AgentView;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.FieldError;
import dev.outdial.app.web.InvalidFieldsException;
import dev.outdial.workflows.call.CallRequest;
import dev.outdial.workflows.common.WorkflowIds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Starting one-off calls; each is a CallWorkflow. */
@Service
public class CallService {

  private static final Logger log = LoggerFactory.getLogger(CallService.class);

  private final AgentRepository agents;
  private final JdbcClient jdbc;
  private final OneOffCalls calls;
  private final CallSettings settings;

  public CallService(
      AgentRepository agents, JdbcClient jdbc, OneOffCalls calls, CallSettings settings) {
    this.agents = agents;
    this.jdbc = jdbc;
    this.calls = calls;
    this.settings = settings;
  }

  record Contact(UUID id, String name, String phoneNumber, boolean doNotCall) {}

  /**
   * Starts the call. With an idempotency key, a repeated request answers the call it started before
   * instead of dialing again.
   */
  @Transactional
  public StartedCall start(CurrentUser caller, StartCallRequest request, String idempotencyKey) {
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
    CallRequest call =
        new CallRequest(
            caller.id(),
            agent.id(),
            agent.bolnaAgentId(),
            contact.id(),
            null,
            null,
            contact.phoneNumber(),
            userData,
            null,
            settings.adhocMaxAttempts(),
            settings.adhocRetryDelay(),
            settings.noNewsTimeout(),
            1);
    if (calls.start(workflowId, call)) {
      log.info("User {} started call {} to {}", caller.id(), workflowId, contact.phoneNumber());
    } else {
      log.info("Call {} was started before; not dialing again", workflowId);
    }
    return new StartedCall(workflowId, contact.id(), contact.phoneNumber());
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
