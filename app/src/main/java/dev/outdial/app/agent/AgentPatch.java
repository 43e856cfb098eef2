package dev.outdial.app.agent;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Changes to an agent; absent fields stay as they are. */
public record AgentPatch(
    @Size(min = 1, max = 255) @Pattern(regexp = ".*\\S.*", message = "must not be blank")
        String name,
    @Size(max = 5000) String description,
    Boolean isActive,
    @Size(max = 2000) String welcomeMessage,
    @Size(max = 50_000) String prompt,
    Map<String, Object> bolnaVoiceConfig,
    Map<String, Object> bolnaLlmConfig,
    Map<String, Object> bolnaTaskConfig) {}
