package dev.outdial.app.bolna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outdial.activities.metrics.PlatformMetrics;
import dev.outdial.app.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Checks a webhook delivery and stores it in the inbox. Nothing here calls Bolna or waits for a
 * workflow, so the answer is fast and a slow downstream never makes Bolna retry.
 */
@Service
public class BolnaWebhookService {

  private static final Logger log = LoggerFactory.getLogger(BolnaWebhookService.class);

  private final WebhookSecret secret;
  private final BolnaWebhookProperties properties;
  private final WebhookInboxRepository inbox;
  private final ObjectMapper json;
  private final WebhookInboxWriter writer;
  private final WebhookSweeper sweeper;

  public BolnaWebhookService(
      WebhookSecret secret,
      BolnaWebhookProperties properties,
      WebhookInboxRepository inbox,
      WebhookInboxWriter writer,
      ObjectMapper json,
      WebhookSweeper sweeper) {
    this.secret = secret;
    this.properties = properties;
    this.inbox = inbox;
    this.writer = writer;
    this.json = json;
    this.sweeper = sweeper;
  }

  /** Stores the delivery and answers its inbox id. */
  public UUID receive(String token, String remoteAddress, InputStream body) throws IOException {
    if (!properties.allowedIps().isEmpty() && !properties.allowedIps().contains(remoteAddress)) {
      log.warn("Refused a Bolna webhook from {}: not in the allow-list", remoteAddress);
      throw ApiException.forbidden("This address may not deliver webhooks");
    }
    if (!secret.matches(token)) {
      log.warn("Refused a Bolna webhook from {}: missing or wrong token", remoteAddress);
      throw new ApiException(
          HttpStatus.UNAUTHORIZED,
          "Unauthorized",
          "The webhook token is missing or wrong (?token= or X-Outdial-Webhook-Token)");
    }
    long limit = properties.maxBodySize().toBytes();
    byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    if (bytes.length > limit) {
      log.warn("Refused a Bolna webhook from {}: body over {} bytes", remoteAddress, limit);
      throw new ApiException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "Payload too large",
          "A webhook body may be at most " + limit + " bytes");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    JsonNode payload;
    try {
      payload = json.readTree(text);
    } catch (IOException e) {
      payload = null;
    }
    if (payload == null || !payload.isObject()) {
      UUID id = inbox.storeMalformed(text, "not a JSON object", remoteAddress);
      log.warn(
          "Bolna webhook {} from {} is not a JSON object ({} bytes): {}",
          id,
          remoteAddress,
          bytes.length,
          text.length() > 200 ? text.substring(0, 200) + "..." : text);
      throw ApiException.badRequest("The body is not a JSON object; it was kept as event " + id);
    }
    if (text.contains("\\u0000")) {
      // Postgres's jsonb cannot hold a NUL; Bolna's retries would bring the same body forever.
      payload = withoutNul(payload);
      text = json.writeValueAsString(payload);
      log.warn("Bolna webhook from {} carried NUL characters; kept as U+FFFD", remoteAddress);
    }
    String executionId = text(payload, "id");
    String status = text(payload, "status");
    if (status == null) {
      status = text(payload, "state");
    }
    UUID id = writer.store(executionId, status, text, remoteAddress);
    PlatformMetrics.webhookReceived();
    log.info("Bolna webhook {} stored: execution {} status {}", id, executionId, status);
    sweeper.processSoon(id);
    return id;
  }

  /** The same JSON with every NUL, in names and in text, replaced by U+FFFD. */
  private JsonNode withoutNul(JsonNode node) {
    if (node.isTextual()) {
      return json.getNodeFactory().textNode(node.asText().replace('\u0000', '\uFFFD'));
    }
    if (node.isArray()) {
      ArrayNode copy = json.createArrayNode();
      node.forEach(element -> copy.add(withoutNul(element)));
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = json.createObjectNode();
      node.fields()
          .forEachRemaining(
              field ->
                  copy.set(
                      field.getKey().replace('\u0000', '\uFFFD'), withoutNul(field.getValue())));
      return copy;
    }
    return node;
  }

  private static String text(JsonNode payload, String field) {
    JsonNode node = payload.path(field);
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }
}
