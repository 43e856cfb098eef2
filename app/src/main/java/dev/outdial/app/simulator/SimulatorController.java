package dev.outdial.app.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bolna's HTTP API as the simulator serves it, under {@code /simulator/bolna}: the same paths,
 * answers and quirks as {@code api.bolna.ai}, plus test controls that need no key.
 */
@ConditionalOnSimulator
@RestController
@RequestMapping(path = "/simulator/bolna", produces = MediaType.APPLICATION_JSON_VALUE)
class SimulatorController {

  private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");

  private final BolnaSimulator bolna;
  private final ObjectMapper json;

  SimulatorController(BolnaSimulator bolna, ObjectMapper json) {
    this.bolna = bolna;
    this.json = json;
  }

  @GetMapping("/user/me")
  ResponseEntity<Object> me(@RequestHeader(name = "Authorization", required = false) String auth) {
    return authorized(
        auth,
        key -> {
          ObjectNode me = json.createObjectNode();
          me.put("id", "simulated-account");
          me.put("name", "Outdial simulator");
          me.put("email", "simulator@outdial.test");
          me.put("wallet", 1000);
          me.putObject("concurrency")
              .put("max", 1000)
              .put("current", (Integer) bolna.stats().get("active"));
          return ResponseEntity.ok(me);
        });
  }

  @PostMapping("/v2/agent")
  ResponseEntity<Object> createAgent(
      @RequestHeader(name = "Authorization", required = false) String auth,
      @RequestBody JsonNode body) {
    return authorized(
        auth,
        key -> {
          if (!body.path("agent_config").isObject()) {
            return error(HttpStatus.UNPROCESSABLE_ENTITY, "agent_config is required");
          }
          String id = bolna.createAgent(key, body).get("id").asText();
          return ResponseEntity.ok(Map.of("agent_id", id, "state", "created"));
        });
  }

  @GetMapping("/v2/agent/all")
  ResponseEntity<Object> agents(
      @RequestHeader(name = "Authorization", required = false) String auth) {
    return authorized(auth, key -> ResponseEntity.ok(bolna.agents(key)));
  }

  @GetMapping("/v2/agent/{id}")
  ResponseEntity<Object> agent(
      @RequestHeader(name = "Authorization", required = false) String auth,
      @PathVariable String id) {
    return authorized(
        auth,
        key -> {
          ObjectNode agent = bolna.agent(key, id);
          return agent == null
              ? error(HttpStatus.NOT_FOUND, "Agent not found")
              : ResponseEntity.ok(agent);
        });
  }

  @PatchMapping("/v2/agent/{id}")
  ResponseEntity<Object> patchAgent(
      @RequestHeader(name = "Authorization", required = false) String auth,
      @PathVariable String id,
      @RequestBody JsonNode body) {
    return authorized(
        auth,
        key ->
            bolna.patchAgent(key, id, body)
                ? ResponseEntity.ok(Map.of("message", "success", "state", "updated"))
                : error(HttpStatus.NOT_FOUND, "Agent not found"));
  }

  @DeleteMapping("/v2/agent/{id}")
  ResponseEntity<Object> deleteAgent(
      @RequestHeader(name = "Authorization", required = false) String auth,
      @PathVariable String id) {
    return authorized(
        auth,
        key ->
            bolna.deleteAgent(key, id)
                ? ResponseEntity.ok(Map.of("message", "success", "state", "deleted"))
                : error(HttpStatus.NOT_FOUND, "Agent not found"));
  }

  @PostMapping("/call")
  ResponseEntity<Object> placeCall(
      @RequestHeader(name = "Authorization", required = false) String auth,
      @RequestBody JsonNode body) {
    return authorized(
        auth,
        key -> {
          BolnaSimulator.Outage outage = bolna.outageNow();
          if (outage != null) {
            if (outage.delayMillis() > 0) {
              try {
                Thread.sleep(outage.delayMillis());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            if (outage.status() != 0) {
              bolna.refusedByOutage(outage.status());
              return error(
                  HttpStatus.valueOf(outage.status()),
                  outage.status() == 429 ? "Too many requests" : "Service unavailable");
            }
          }
          String agentId = body.path("agent_id").asText("");
          String to = body.path("recipient_phone_number").asText("");
          if (bolna.agent(key, agentId) == null) {
            return error(HttpStatus.BAD_REQUEST, "Agent " + agentId + " not found");
          }
          if (!E164.matcher(to).matches()) {
            return error(HttpStatus.BAD_REQUEST, "recipient_phone_number must be in E.164 format");
          }
          if (body.path("scheduled_at").asText("").endsWith("Z")) {
            // Bolna's own answer to a timestamp in Z form.
            return error(HttpStatus.INTERNAL_SERVER_ERROR, "Internal Server Error");
          }
          if (bolna.rejects(to)) {
            return error(HttpStatus.BAD_REQUEST, "Call to " + to + " rejected");
          }
          String from =
              body.path("from_phone_number").isTextual()
                  ? body.get("from_phone_number").asText()
                  : null;
          String executionId = bolna.placeCall(key, agentId, to, from, body.path("user_data"));
          Integer answer = bolna.answerStatus(to);
          if (answer != null) {
            // The call is placed, and Bolna's answer says otherwise.
            return error(HttpStatus.valueOf(answer), "Internal Server Error");
          }
          return ResponseEntity.ok(
              Map.of("message", "done", "status", "queued", "execution_id", executionId));
        });
  }

  @PostMapping("/call/{id}/stop")
  ResponseEntity<Object> stopCall(
      @RequestHeader(name = "Authorization", required = false) String auth,
      @PathVariable String id) {
    return authorized(
        auth,
        key ->
            bolna.stop(key, id)
                ? ResponseEntity.ok(Map.of("message", "success", "state", "stopped"))
                : error(HttpStatus.BAD_REQUEST, "Only a queued call can be stopped"));
  }

  @GetMapping("/executions/{id}")
  ResponseEntity<Object> execution(
      @RequestHeader(name = "Authorization", required = false) String auth,
      @PathVariable String id) {
    return authorized(
        auth,
        key -> {
          ObjectNode execution = bolna.execution(key, id);
          return execution == null
              ? error(HttpStatus.NOT_FOUND, "Execution not found")
              : ResponseEntity.ok(execution);
        });
  }

  @GetMapping("/v2/agent/{agentId}/executions")
  ResponseEntity<Object> executions(
      @RequestHeader(name = "Authorization", required = false) String auth,
      @PathVariable String agentId,
      @RequestParam(name = "page_number", defaultValue = "1") int page,
      @RequestParam(name = "page_size", defaultValue = "20") int size,
      @RequestParam(required = false) String status,
      @RequestParam(name = "call_type", required = false) String callType) {
    return authorized(
        auth,
        key -> {
          if (size < 1 || size > 50 || page < 1) {
            return error(
                HttpStatus.BAD_REQUEST, "page_size must be 1 to 50 and page_number at least 1");
          }
          return ResponseEntity.ok(bolna.executions(key, agentId, page, size, status, callType));
        });
  }

  // ------------------------------------------------------------ test controls (no key)

  @PutMapping("/numbers/{number}")
  ResponseEntity<Object> fixOutcome(@PathVariable String number, @RequestBody JsonNode body) {
    String outcome = body.path("outcome").asText("");
    if (!java.util.Set.of("completed", "busy", "no-answer", "failed", "reject").contains(outcome)) {
      return error(
          HttpStatus.BAD_REQUEST, "outcome must be completed, busy, no-answer, failed or reject");
    }
    JsonNode answerStatus = body.path("answer_status");
    if (!answerStatus.isMissingNode()
        && !(answerStatus.isInt() && answerStatus.asInt() >= 500 && answerStatus.asInt() <= 599)) {
      return error(HttpStatus.BAD_REQUEST, "answer_status must be a 5xx status");
    }
    bolna.fixOutcome(
        number,
        new BolnaSimulator.NumberOutcome(
            outcome,
            body.path("talk_seconds").isNumber() ? body.get("talk_seconds").asInt() : null,
            body.path("transcript").isTextual() ? body.get("transcript").asText() : null,
            body.path("answer_status").isInt() ? body.get("answer_status").asInt() : null));
    return ResponseEntity.ok(Map.of("number", number, "outcome", outcome));
  }

  /**
   * Trouble at Bolna for a while: {@code {"status": 429 or 5xx or 0, "delay_ms": 0.., "seconds":
   * 1..600}}. Every {@code POST /call} meanwhile waits {@code delay_ms} and is refused with {@code
   * status} (0: answered as usual, only slowly); refused calls are not placed.
   */
  @PutMapping("/outage")
  ResponseEntity<Object> startOutage(@RequestBody JsonNode body) {
    int status = body.path("status").asInt(-1);
    long delay = body.path("delay_ms").asLong(0);
    int seconds = body.path("seconds").asInt(0);
    if (status != 0 && status != 429 && (status < 500 || status > 599)) {
      return error(HttpStatus.BAD_REQUEST, "status must be 0, 429 or a 5xx status");
    }
    if (delay < 0 || delay > 60_000 || seconds < 1 || seconds > 600) {
      return error(HttpStatus.BAD_REQUEST, "delay_ms must be 0 to 60000 and seconds 1 to 600");
    }
    Instant until = Instant.now().plusSeconds(seconds);
    bolna.startOutage(new BolnaSimulator.Outage(status, delay, until));
    return ResponseEntity.ok(
        Map.of("status", status, "delay_ms", delay, "until", until.toString()));
  }

  @DeleteMapping("/outage")
  ResponseEntity<Void> endOutage() {
    bolna.endOutage();
    return ResponseEntity.noContent().build();
  }

  @DeleteMapping("/numbers/{number}")
  ResponseEntity<Void> clearOutcome(@PathVariable String number) {
    bolna.clearOutcome(number);
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/stats")
  Map<String, Object> stats() {
    return bolna.stats();
  }

  @PostMapping("/reset")
  ResponseEntity<Void> reset() {
    bolna.reset();
    return ResponseEntity.noContent().build();
  }

  /** Runs the action for the request's API key; each key sees only what it made, as at Bolna. */
  private ResponseEntity<Object> authorized(
      String auth, Function<String, ResponseEntity<Object>> action) {
    if (auth == null || !auth.startsWith("Bearer ") || auth.substring(7).isBlank()) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .body(Map.of("detail", "Invalid or missing API key"));
    }
    return action.apply(auth.substring(7).strip());
  }

  private static ResponseEntity<Object> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("error", status.value(), "message", message));
  }
}
