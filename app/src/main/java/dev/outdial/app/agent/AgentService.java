package dev.outdial.app.agent;

import dev.outdial.activities.bolna.AgentSpec;
import dev.outdial.activities.bolna.BolnaException;
import dev.outdial.activities.dashboard.CallActivity;
import dev.outdial.app.bolna.BolnaGateway;
import dev.outdial.app.bolna.PublicUrl;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.Cursor;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's AI agents, hosted by Bolna. Every change goes to Bolna first and to our row only when
 * Bolna took it, so a failure at Bolna leaves nothing half-made; an agent made at Bolna whose row
 * cannot be written is deleted at Bolna again.
 */
@Service
public class AgentService {

  private static final Logger log = LoggerFactory.getLogger(AgentService.class);

  private final AgentRepository agents;
  private final BolnaGateway bolna;
  private final PublicUrl publicUrl;
  private final CallActivity callActivity;

  public AgentService(
      AgentRepository agents, BolnaGateway bolna, PublicUrl publicUrl, JdbcClient jdbc) {
    this.agents = agents;
    this.bolna = bolna;
    this.publicUrl = publicUrl;
    this.callActivity = new CallActivity(jdbc);
  }

  @Transactional
  public AgentView create(CurrentUser caller, CreateAgentRequest request) {
    var row =
        new AgentRepository.AgentRow(
            null,
            request.name().strip(),
            request.description(),
            request.agentType() == null ? "call" : request.agentType(),
            true,
            request.welcomeMessage(),
            request.prompt(),
            webhookUrlShown(),
            request.bolnaVoiceConfig(),
            request.bolnaLlmConfig(),
            request.bolnaTaskConfig());
    String bolnaAgentId;
    try {
      bolnaAgentId = bolna.client().createAgent(spec(row));
    } catch (BolnaException e) {
      throw providerFailure("create the agent", e);
    }
    try {
      UUID id = agents.insert(caller.id(), withBolnaId(row, bolnaAgentId));
      log.info("Agent {} of user {} created at Bolna as {}", id, caller.id(), bolnaAgentId);
      return agents.find(caller.id(), id).orElseThrow();
    } catch (RuntimeException e) {
      deleteAtBolnaQuietly(bolnaAgentId);
      throw e;
    }
  }

  @Transactional(readOnly = true)
  public AgentView get(CurrentUser caller, UUID id) {
    return agents.find(caller.id(), id).orElseThrow(() -> ApiException.notFound("Agent"));
  }

  @Transactional(readOnly = true)
  public Page<AgentView> list(CurrentUser caller, PageRequest page) {
    Cursor after = page.cursor();
    var rows =
        agents.findPage(
            caller.id(),
            after == null ? null : after.at(),
            after == null ? null : after.id(),
            page.fetchSize());
    return Cursor.page(rows, page, agent -> new Cursor(agent.createdAt(), agent.id()));
  }

  @Transactional
  public AgentView update(CurrentUser caller, UUID id, AgentPatch patch) {
    AgentView current =
        agents.findForUpdate(caller.id(), id).orElseThrow(() -> ApiException.notFound("Agent"));
    var row =
        new AgentRepository.AgentRow(
            current.bolnaAgentId(),
            patch.name() != null ? patch.name().strip() : current.name(),
            patch.description() != null ? patch.description() : current.description(),
            current.agentType(),
            patch.isActive() != null ? patch.isActive() : current.isActive(),
            patch.welcomeMessage() != null ? patch.welcomeMessage() : current.welcomeMessage(),
            patch.prompt() != null ? patch.prompt() : current.prompt(),
            webhookUrlShown(),
            patch.bolnaVoiceConfig() != null
                ? patch.bolnaVoiceConfig()
                : current.bolnaVoiceConfig(),
            patch.bolnaLlmConfig() != null ? patch.bolnaLlmConfig() : current.bolnaLlmConfig(),
            patch.bolnaTaskConfig() != null ? patch.bolnaTaskConfig() : current.bolnaTaskConfig());
    try {
      bolna.client().patchAgent(current.bolnaAgentId(), spec(row));
    } catch (BolnaException e) {
      throw providerFailure("update the agent", e);
    }
    agents.update(caller.id(), id, row);
    log.info("Agent {} of user {} updated", id, caller.id());
    return agents.find(caller.id(), id).orElseThrow();
  }

  @Transactional
  public void delete(CurrentUser caller, UUID id) {
    AgentView current =
        agents.findForUpdate(caller.id(), id).orElseThrow(() -> ApiException.notFound("Agent"));
    int campaigns = agents.campaignsUsing(id);
    if (campaigns > 0) {
      throw ApiException.conflict(
          "The agent is used by " + campaigns + " campaign(s); delete or change them first");
    }
    try {
      bolna.client().deleteAgent(current.bolnaAgentId());
    } catch (BolnaException e) {
      if (e.status() != 404) {
        throw providerFailure("delete the agent", e);
      }
      log.info("Agent {} was already gone at Bolna", current.bolnaAgentId());
    }
    // The agent's calls go with it (as the schema says): its user's quarter hours are recounted.
    CallActivity.Span span = callActivity.spanOfAgent(id);
    agents.delete(caller.id(), id);
    if (span != null) {
      callActivity.recountRange(caller.id(), span.firstBucket(), span.afterLast());
    }
    log.info("Agent {} of user {} deleted", id, caller.id());
  }

  private AgentSpec spec(AgentRepository.AgentRow row) {
    return new AgentSpec(
        row.name(),
        row.agentType(),
        row.welcomeMessage(),
        row.prompt(),
        publicUrl.bolnaWebhook(),
        row.voiceConfig(),
        row.llmConfig(),
        row.taskConfig());
  }

  /** Stored and shown without the token, which is the platform's shared secret. */
  private String webhookUrlShown() {
    return publicUrl.base() + "/webhooks/bolna";
  }

  private static AgentRepository.AgentRow withBolnaId(AgentRepository.AgentRow row, String id) {
    return new AgentRepository.AgentRow(
        id,
        row.name(),
        row.description(),
        row.agentType(),
        row.isActive(),
        row.welcomeMessage(),
        row.prompt(),
        row.webhookUrl(),
        row.voiceConfig() == null ? Map.of() : row.voiceConfig(),
        row.llmConfig() == null ? Map.of() : row.llmConfig(),
        row.taskConfig() == null ? Map.of() : row.taskConfig());
  }

  private void deleteAtBolnaQuietly(String bolnaAgentId) {
    try {
      bolna.client().deleteAgent(bolnaAgentId);
    } catch (RuntimeException e) {
      log.error("Agent {} was created at Bolna but could not be removed again", bolnaAgentId, e);
    }
  }

  private static ApiException providerFailure(String action, BolnaException e) {
    log.warn("Bolna could not {}: {}", action, e.getMessage());
    HttpStatus status =
        e.kind() == BolnaException.Kind.REJECTED ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY;
    return new ApiException(
        status, "Voice provider refused", "Bolna could not " + action + ": " + e.getMessage());
  }
}
