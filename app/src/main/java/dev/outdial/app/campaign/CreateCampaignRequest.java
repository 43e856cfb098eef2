package dev.outdial.app.campaign;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A new campaign, created as a draft with its queue filled.
 *
 * @param firstCallTime daily window start, in each recipient's local time
 * @param lastCallTime daily window end; before the start means the window crosses midnight
 * @param timezone IANA zone for recipients whose number names no single zone; default UTC
 * @param contactIds the contacts to call; absent means all the user's contacts
 * @param retryOnVoicemail whether a call answered by voicemail is dialed again (default false)
 */
public record CreateCampaignRequest(
    @NotBlank @Size(max = 255) String name,
    @Size(max = 5000) String description,
    @NotNull UUID agentId,
    @NotBlank @Size(max = 5000) String nextAction,
    @NotNull LocalTime firstCallTime,
    @NotNull LocalTime lastCallTime,
    @NotNull LocalDate startDate,
    LocalDate endDate,
    @Size(max = 64) String timezone,
    List<UUID> contactIds,
    @Min(1) @Max(10) Integer maxAttempts,
    @Min(1) @Max(10080) Integer retryDelayMinutes,
    Boolean retryOnVoicemail) {}
