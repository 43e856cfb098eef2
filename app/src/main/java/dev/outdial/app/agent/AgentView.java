package dev.outdial.app.agent;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An agent as the API shows it. The webhook URL is shown without its token: the token is the
 * platform's shared webhook secret.
 */
public record AgentView(
    UUID id,
    String bolnaAgentId,
    String name,
    String description,
    String agentType,
    boolean isActive,
    String welcomeMessage,
    String prompt,
    String bolnaWebhookUrl,
    Map<String, Object> bolnaVoiceConfig,
    Map<String, Object> bolnaLlmConfig,
    Map<String, Object> bolnaTaskConfig,
    Instant createdAt,
    Instant updatedAt) {}
