package dev.outdial.app.agent;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

public record CreateAgentRequest(
    @NotBlank @Size(max = 255) String name,
    @Size(max = 5000) String description,
    @Pattern(regexp = "call|chat", message = "must be call or chat") String agentType,
    @Size(max = 2000) String welcomeMessage,
    @Size(max = 50_000) String prompt,
    Map<String, Object> bolnaVoiceConfig,
    Map<String, Object> bolnaLlmConfig,
    Map<String, Object> bolnaTaskConfig) {}
