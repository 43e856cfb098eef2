package dev.outdial.activities.bolna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.outdial.workflows.call.ProviderStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One Bolna call execution, from {@code GET /executions/{id}} or a webhook (whose body is the same
 * object). Parsing tolerates every variation Bolna is known to send: {@code status} or {@code
 * state}, durations as strings or numbers, naive timestamps (taken as UTC) or ones with an offset,
 * empty recording URLs, unknown fields. The raw JSON is kept, since Outdial stores the final
 * payload as it came.
 */
public record BolnaExecution(
    String id,
    String agentId,
    String status,
    String errorMessage,
    Integer conversationDurationSeconds,
    BigDecimal totalCost,
    String transcript,
    String summary,
    JsonNode extractedData,
    Boolean answeredByVoiceMail,
    Instant createdAt,
    Instant updatedAt,
    String userNumber,
    String agentNumber,
    Map<String, Object> recipientData,
    String recipientPhoneNumber,
    Telephony telephony,
    JsonNode raw) {

  /** Statuses after which nothing more happens to the call. */
  public static final Set<String> TERMINAL = ProviderStatus.TERMINAL;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The {@code telephony_data} part. */
  public record Telephony(
      Integer durationSeconds,
      String toNumber,
      String fromNumber,
      String recordingUrl,
      String callType,
      String provider,
      String providerCallId,
      String hangupBy,
      String hangupReason,
      Integer hangupProviderCode,
      Integer ringDurationSeconds) {}

  public boolean isTerminal() {
    return status != null && TERMINAL.contains(status);
  }

  public boolean isInbound() {
    return "inbound".equalsIgnoreCase(telephony.callType());
  }

  /**
   * The length of the conversation in whole seconds (rounded up): the telephony duration when Bolna
   * gives it, else {@code conversation_duration}; 0 when neither is known.
   */
  public int durationSeconds() {
    if (telephony.durationSeconds() != null && telephony.durationSeconds() > 0) {
      return telephony.durationSeconds();
    }
    return conversationDurationSeconds == null ? 0 : conversationDurationSeconds;
  }

  public static BolnaExecution parse(String json) {
    try {
      return fromJson(JSON.readTree(json));
    } catch (IOException e) {
      throw new UncheckedIOException("Not an execution object: " + e.getMessage(), e);
    }
  }

  public static BolnaExecution fromJson(JsonNode node) {
    JsonNode context = node.path("context_details");
    JsonNode telephony = node.path("telephony_data");
    String status = text(node, "status");
    return new BolnaExecution(
        firstText(node, "id", "execution_id"),
        text(node, "agent_id"),
        status != null ? status : text(node, "state"),
        text(node, "error_message"),
        seconds(node.path("conversation_duration")),
        decimal(node.path("total_cost")),
        text(node, "transcript"),
        text(node, "summary"),
        node.path("extracted_data").isObject() ? node.path("extracted_data") : null,
        node.path("answered_by_voice_mail").isBoolean()
            ? node.path("answered_by_voice_mail").asBoolean()
            : null,
        instant(node.path("created_at")),
        instant(node.path("updated_at")),
        text(node, "user_number"),
        text(node, "agent_number"),
        map(context.path("recipient_data")),
        text(context, "recipient_phone_number"),
        new Telephony(
            seconds(telephony.path("duration")),
            text(telephony, "to_number"),
            text(telephony, "from_number"),
            text(telephony, "recording_url"),
            text(telephony, "call_type"),
            text(telephony, "provider"),
            text(telephony, "provider_call_id"),
            text(telephony, "hangup_by"),
            text(telephony, "hangup_reason"),
            integer(telephony.path("hangup_provider_code")),
            seconds(telephony.path("ring_duration"))),
        node);
  }

  /** A text field; null when missing, null or empty. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? MissingNode.getInstance() : node.path(field);
    if (value.isNull() || value.isMissingNode() || value.isContainerNode()) {
      return null;
    }
    String text = value.asText();
    return text.isBlank() ? null : text;
  }

  private static String firstText(JsonNode node, String... fields) {
    for (String field : fields) {
      String value = text(node, field);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** Seconds given as a number or a string such as "42" or "12.4", rounded up. */
  static Integer seconds(JsonNode value) {
    BigDecimal decimal = decimal(value);
    return decimal == null ? null : decimal.setScale(0, RoundingMode.CEILING).intValueExact();
  }

  private static BigDecimal decimal(JsonNode value) {
    if (value.isNumber()) {
      return value.decimalValue();
    }
    if (value.isTextual() && !value.asText().isBlank()) {
      try {
        return new BigDecimal(value.asText().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Integer integer(JsonNode value) {
    BigDecimal decimal = decimal(value);
    return decimal == null ? null : decimal.intValue();
  }

  /** Naive timestamps are UTC; some carry {@code Z} or an offset. */
  static Instant instant(JsonNode value) {
    if (!value.isTextual() || value.asText().isBlank()) {
      return null;
    }
    String text = value.asText().strip().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  private static Map<String, Object> map(JsonNode value) {
    if (!value.isObject()) {
      return Map.of();
    }
    Map<String, Object> map = new LinkedHashMap<>();
    value
        .fields()
        .forEachRemaining(
            entry -> map.put(entry.getKey(), JSON.convertValue(entry.getValue(), Object.class)));
    return map;
  }
}
