package dev.outdial.activities.bolna;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolna's HTTP API, as Outdial uses it. Built on the JDK's HttpClient: it tells a connection that
 * never opened apart from a request that was sent and went unanswered, which decides whether a call
 * may be placed again.
 *
 * <p>Requests that are safe to repeat (reads, updates, deletes, stopping a queued call) are retried
 * with exponential backoff and jitter on 429, 5xx and transport failures. Placing a call and
 * creating an agent are never retried here: Bolna has no idempotency key, so a repeated {@code POST
 * /call} dials again and a repeated create leaves an orphan agent; the caller decides.
 */
public class BolnaClient {

  private static final Logger log = LoggerFactory.getLogger(BolnaClient.class);

  /** Bolna answers 500 to a {@code scheduled_at} ending in Z; it wants a numeric offset. */
  private static final DateTimeFormatter SCHEDULED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private final BolnaProperties properties;
  private final ObjectMapper json;
  private final HttpClient http;
  private final String baseUrl;

  public BolnaClient(BolnaProperties properties, ObjectMapper json) {
    this.properties = properties;
    this.json = json;
    this.baseUrl = properties.baseUrl().replaceAll("/+$", "");
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** {@code GET /user/me}: a cheap check of the key; also the account's wallet and concurrency. */
  public JsonNode getUser() {
    return send("GET", "/user/me", null, true);
  }

  /** Creates the agent and answers its Bolna id. Not retried (a repeat would leave an orphan). */
  public String createAgent(AgentSpec spec) {
    JsonNode answer = send("POST", "/v2/agent", spec.toCreateBody(json), false);
    String agentId = BolnaExecution.text(answer, "agent_id");
    if (agentId == null) {
      throw new BolnaException(
          BolnaException.Kind.SERVER, 200, "Bolna created no agent id: " + answer, true, null);
    }
    return agentId;
  }

  public JsonNode getAgent(String agentId) {
    return send("GET", "/v2/agent/" + encode(agentId), null, true);
  }

  /** All agents of the account ({@code GET /v2/agent/all}, a bare array). */
  public List<JsonNode> listAgents() {
    JsonNode answer = send("GET", "/v2/agent/all", null, true);
    List<JsonNode> agents = new ArrayList<>();
    (answer.isArray() ? answer : answer.path("data")).forEach(agents::add);
    return agents;
  }

  /** Updates name, welcome message, webhook URL, synthesizer and prompts. */
  public void patchAgent(String agentId, AgentSpec spec) {
    send("PATCH", "/v2/agent/" + encode(agentId), spec.toPatchBody(json), true);
  }

  public void deleteAgent(String agentId) {
    send("DELETE", "/v2/agent/" + encode(agentId), null, true);
  }

  /**
   * Places a call. Never retried: on a {@link BolnaException} whose {@link
   * BolnaException#mayHaveBeenAccepted()} is true (every 5xx, a timeout, a reset after sending) the
   * call may exist, and must be looked up (by the ids in its user_data) before anything else is
   * tried. Only a refused connection, a 4xx or a 429 prove it was not placed.
   */
  public PlaceCallResult placeCall(PlaceCallRequest request) {
    ObjectNode body = json.createObjectNode();
    body.put("agent_id", request.agentId());
    body.put("recipient_phone_number", request.recipientPhoneNumber());
    if (request.fromPhoneNumber() != null) {
      body.put("from_phone_number", request.fromPhoneNumber());
    }
    body.set(
        "user_data", json.valueToTree(request.userData() == null ? Map.of() : request.userData()));
    if (request.scheduledAt() != null) {
      body.put("scheduled_at", SCHEDULED_AT.format(request.scheduledAt()));
    }
    JsonNode answer;
    try {
      answer = send("POST", "/call", body, false);
    } catch (BolnaException e) {
      if (e.kind() == BolnaException.Kind.SERVER && !e.mayHaveBeenAccepted()) {
        // Only a 4xx or a 429 proves the call was not placed: Bolna may queue the call and fail
        // while answering, so a 5xx is as doubtful as a timeout.
        throw new BolnaException(e.kind(), e.status(), e.getMessage(), true, e);
      }
      throw e;
    }
    String executionId = BolnaExecution.text(answer, "execution_id");
    if (executionId == null) {
      // Bolna said yes without saying which call: the call may exist.
      throw new BolnaException(
          BolnaException.Kind.SERVER,
          200,
          "Bolna accepted the call without an execution_id: " + answer,
          true,
          null);
    }
    String status = BolnaExecution.text(answer, "status");
    return new PlaceCallResult(
        executionId,
        status != null ? status : BolnaExecution.text(answer, "state"),
        BolnaExecution.text(answer, "message"));
  }

  /** Stops a queued or scheduled call; a call in progress cannot be stopped. */
  public void stopCall(String executionId) {
    send("POST", "/call/" + encode(executionId) + "/stop", null, true);
  }

  public BolnaExecution getExecution(String executionId) {
    return BolnaExecution.fromJson(send("GET", "/executions/" + encode(executionId), null, true));
  }

  public ExecutionPage listAgentExecutions(String agentId, ExecutionQuery query) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("page_number", Integer.toString(query.pageNumber()));
    params.put("page_size", Integer.toString(query.pageSize()));
    if (query.status() != null) {
      params.put("status", query.status());
    }
    if (query.callType() != null) {
      params.put("call_type", query.callType());
    }
    if (query.from() != null) {
      params.put("from", SCHEDULED_AT.format(query.from()));
    }
    if (query.to() != null) {
      params.put("to", SCHEDULED_AT.format(query.to()));
    }
    StringBuilder path =
        new StringBuilder("/v2/agent/").append(encode(agentId)).append("/executions?");
    params.forEach((key, value) -> path.append(key).append('=').append(encode(value)).append('&'));
    path.setLength(path.length() - 1);
    JsonNode answer = send("GET", path.toString(), null, true);
    List<BolnaExecution> data = new ArrayList<>();
    answer.path("data").forEach(row -> data.add(BolnaExecution.fromJson(row)));
    return new ExecutionPage(
        answer.path("page_number").asInt(query.pageNumber()),
        answer.path("page_size").asInt(query.pageSize()),
        answer.path("total").asInt(data.size()),
        answer.path("has_more").asBoolean(false),
        data);
  }

  private JsonNode send(String method, String path, JsonNode body, boolean safeToRepeat) {
    int attempts = safeToRepeat ? Math.max(1, properties.maxAttempts()) : 1;
    Duration backoff = properties.initialBackoff();
    for (int attempt = 1; ; attempt++) {
      try {
        return sendOnce(method, path, body);
      } catch (BolnaException e) {
        if (!e.retryable() || attempt >= attempts) {
          throw e;
        }
        long waitMillis =
            backoff.toMillis() + ThreadLocalRandom.current().nextLong(backoff.toMillis() / 2 + 1);
        log.warn(
            "Bolna {} {} failed (attempt {} of {}): {}; retrying in {} ms",
            method,
            path,
            attempt,
            attempts,
            e.getMessage(),
            waitMillis);
        sleep(waitMillis);
        backoff = backoff.multipliedBy(2);
      }
    }
  }

  private JsonNode sendOnce(String method, String path, JsonNode body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(properties.readTimeout())
            .header("Authorization", "Bearer " + properties.apiKey())
            .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
      throw new BolnaException(
          BolnaException.Kind.TRANSPORT, 0, "Bolna could not be reached: " + describe(e), false, e);
    } catch (IOException e) {
      // The connection was open: the request may have been received and acted on.
      if (e.getCause() instanceof ConnectException) {
        throw new BolnaException(
            BolnaException.Kind.TRANSPORT,
            0,
            "Bolna could not be reached: " + describe(e),
            false,
            e);
      }
      throw new BolnaException(
          BolnaException.Kind.TRANSPORT, 0, "Bolna did not answer: " + describe(e), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BolnaException(
          BolnaException.Kind.TRANSPORT, 0, "Interrupted while waiting for Bolna", true, e);
    }
    int status = response.statusCode();
    JsonNode answer = parse(response.body());
    log.debug("Bolna {} {} -> {}", method, path, status);
    if (status >= 200 && status < 300) {
      return answer;
    }
    String message =
        "Bolna answered "
            + status
            + " to "
            + method
            + " "
            + stripQuery(path)
            + ": "
            + errorMessage(answer, response.body());
    if (status == 401 || status == 403) {
      throw new BolnaException(BolnaException.Kind.AUTH, status, message, false, null);
    }
    if (status == 429) {
      throw new BolnaException(BolnaException.Kind.RATE_LIMITED, status, message, false, null);
    }
    if (status >= 500) {
      // A gateway timeout stands in front of Bolna: Bolna itself may have done the work.
      boolean mayHaveBeenAccepted = status == 504;
      throw new BolnaException(
          BolnaException.Kind.SERVER, status, message, mayHaveBeenAccepted, null);
    }
    throw new BolnaException(BolnaException.Kind.REJECTED, status, message, false, null);
  }

  private JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return json.createObjectNode()
          .put("message", body.length() > 300 ? body.substring(0, 300) : body);
    }
  }

  /**
   * Bolna's error bodies say what went wrong in {@code message}, {@code detail} or {@code error}.
   */
  private static String errorMessage(JsonNode answer, String body) {
    for (String field : new String[] {"message", "detail", "error"}) {
      JsonNode value = answer.path(field);
      if (!value.isMissingNode() && !value.isNull()) {
        return value.isValueNode() ? value.asText() : value.toString();
      }
    }
    return body == null || body.isBlank() ? "(no body)" : body;
  }

  private static String describe(Exception e) {
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  private static String stripQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BolnaException(
          BolnaException.Kind.TRANSPORT, 0, "Interrupted while backing off", false, e);
    }
  }
}
