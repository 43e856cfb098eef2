package dev.outdial.app.call;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * An optional LLM lead scorer ({@code OUTDIAL_LLM_BASE_URL}, {@code _API_KEY}, {@code _MODEL}): an
 * OpenAI-compatible chat completions endpoint; empty: the keyword scorer alone.
 */
@ConfigurationProperties("outdial.llm")
public record LlmSettings(
    @DefaultValue("") String baseUrl,
    @DefaultValue("") String apiKey,
    @DefaultValue("gpt-4o-mini") String model,
    @DefaultValue("30s") Duration timeout) {}
