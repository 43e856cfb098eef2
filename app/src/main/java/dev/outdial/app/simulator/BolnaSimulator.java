package dev.outdial.app.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An in-memory Bolna: keeps agents, accepts calls, plays each call's life in real time and posts
 * the whole execution to the agent's webhook at every status, retrying failed deliveries like
 * Bolna. It also keeps the provider's own view of what happened (calls placed, concurrency), which
 * tests use to prove limits and that nobody is dialed twice.
 *
 * <p>Like Bolna, it keeps each API key's agents and executions to that key: another key is told
 * they do not exist.
 */
@ConditionalOnSimulator
@Component
public class BolnaSimulator {

  private static final Logger log = LoggerFactory.getLogger(BolnaSimulator.class);
  private static final DateTimeFormatter NAIVE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  /** Bolna's statuses after which nothing more happens to a call (Bolna's list, not Outdial's). */
  static final Set<String> TERMINAL =
      Set.of(
          "completed",
          "busy",
          "no-answer",
          "canceled",
          "failed",
          "stopped",
          "error",
          "balance-low");

  /** An outcome fixed for a number by the test control. */
  public record NumberOutcome(
      String outcome, Integer talkSeconds, String transcript, Integer answerStatus) {}

  /** A call the simulator plays. */
  private static final class Call {
    final String id;
    final String key;
    final String agentId;
    final String to;
    final String from;

    /** The recipient data as sent, kept as text: a parsed tree costs four times the memory. */
    final String userData;

    final Instant createdAt;
    String status = "queued";
    Instant updatedAt;
    int talkSeconds;
    String transcript;
    String hangupBy;
    String hangupReason;
    boolean answered;

    Call(
        String id,
        String key,
        String agentId,
        String to,
        String from,
        JsonNode userData,
        Instant now) {
      this.id = id;
      this.key = key;
      this.agentId = agentId;
      this.to = to;
      this.from = from;
      this.userData = userData == null ? null : userData.toString();
      this.createdAt = now;
      this.updatedAt = now;
    }
  }

  private final SimulatorProperties settings;
  private final ObjectMapper json;
  private final Map<String, ObjectNode> agents = new ConcurrentHashMap<>();
  private final Map<String, String> agentKeys = new ConcurrentHashMap<>();
  private final Map<String, Call> calls = new ConcurrentHashMap<>();
  private final Map<String, NumberOutcome> numbers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService clock =
      Executors.newScheduledThreadPool(
          4,
          runnable -> {
            Thread thread = new Thread(runnable, "bolna-simulator");
            thread.setDaemon(true);
            return thread;
          });
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Random random;
  private int callsPlaced;
  private int active;
  private int maxActive;
  private final Map<String, Integer> activeByAgent = new HashMap<>();
  private final Map<String, Integer> maxActiveByAgent = new HashMap<>();
  private final Map<String, Integer> callsByNumber = new HashMap<>();
  private final Map<String, Integer> outageRefusals = new TreeMap<>();

  /** A call that reached a final status, and when: the oldest first. */
  private record Finished(String id, Instant at) {}

  private final Deque<Finished> finished = new ArrayDeque<>();

  public BolnaSimulator(SimulatorProperties settings, ObjectMapper json) {
    this.settings = settings;
    this.json = json;
    this.random = new Random(settings.seed());
  }

  // ------------------------------------------------------------------ agents

  public ObjectNode createAgent(String key, JsonNode body) {
    String id = UUID.randomUUID().toString();
    ObjectNode agent = json.createObjectNode();
    agent.put("id", id);
    agent.set("agent_config", body.path("agent_config").deepCopy());
    agent.set("agent_prompts", body.path("agent_prompts").deepCopy());
    agent.put("created_at", naive(Instant.now()));
    agentKeys.put(id, key);
    agents.put(id, agent);
    log.info(
        "Simulated Bolna: agent {} created ({})", id, body.at("/agent_config/agent_name").asText());
    return agent;
  }

  /** The key's agent, or null when it has none of that id (another key's agent included). */
  public ObjectNode agent(String key, String id) {
    return key.equals(agentKeys.get(id)) ? agents.get(id) : null;
  }

  public List<ObjectNode> agents(String key) {
    return agents.entrySet().stream()
        .filter(entry -> key.equals(agentKeys.get(entry.getKey())))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** Merges the given agent_config fields and prompts; Bolna's PATCH is partial. */
  public boolean patchAgent(String key, String id, JsonNode body) {
    ObjectNode agent = agent(key, id);
    if (agent == null) {
      return false;
    }
    if (body.path("agent_config").isObject()) {
      ((ObjectNode) agent.get("agent_config")).setAll((ObjectNode) body.get("agent_config"));
    }
    if (body.path("agent_prompts").isObject()) {
      agent.set("agent_prompts", body.get("agent_prompts").deepCopy());
    }
    return true;
  }

  public boolean deleteAgent(String key, String id) {
    if (agent(key, id) == null) {
      return false;
    }
    agentKeys.remove(id);
    return agents.remove(id) != null;
  }

  // ------------------------------------------------------------------ calls

  public void fixOutcome(String number, NumberOutcome outcome) {
    numbers.put(number, outcome);
  }

  public void clearOutcome(String number) {
    numbers.remove(number);
  }

  /**
   * The HTTP status the number's test control says {@code POST /call} answers after accepting the
   * call (a Bolna that queues the call and then fails), or null for the usual 200.
   */
  public Integer answerStatus(String number) {
    NumberOutcome fixed = numbers.get(number);
    return fixed == null ? null : fixed.answerStatus();
  }

  /** Whether the number's test control says POST /call must be refused. */
  public boolean rejects(String number) {
    NumberOutcome fixed = numbers.get(number);
    return fixed != null && "reject".equals(fixed.outcome());
  }

  /**
   * A spell of trouble at Bolna: until {@code until}, every {@code POST /call} waits {@code
   * delayMillis} and then, when {@code status} is not 0, is refused with it without being placed.
   */
  public record Outage(int status, long delayMillis, Instant until) {}

  private volatile Outage outage;

  public void startOutage(Outage outage) {
    this.outage = outage;
    log.info("Simulated Bolna: outage {} until {}", outage, outage.until());
  }

  public void endOutage() {
    outage = null;
  }

  /** The outage going on now, if any. */
  public Outage outageNow() {
    Outage current = outage;
    return current != null && Instant.now().isBefore(current.until()) ? current : null;
  }

  /** Counts a {@code POST /call} the outage refused. */
  public synchronized void refusedByOutage(int status) {
    outageRefusals.merge(Integer.toString(status), 1, Integer::sum);
  }

  /** Accepts a call and starts playing it; answers the execution id. */
  public String placeCall(String key, String agentId, String to, String from, JsonNode userData) {
    String id = UUID.randomUUID().toString();
    Call call =
        new Call(
            id, key, agentId, to, from == null ? "+15550100000" : from, userData, Instant.now());
    NumberOutcome fixed = numbers.get(to);
    String outcome;
    synchronized (this) {
      outcome = fixed != null ? fixed.outcome() : drawOutcome();
      call.talkSeconds =
          fixed != null && fixed.talkSeconds() != null
              ? fixed.talkSeconds()
              : settings.talkSecondsMin()
                  + random.nextInt(
                      Math.max(1, settings.talkSecondsMax() - settings.talkSecondsMin() + 1));
      callsPlaced++;
      active++;
      maxActive = Math.max(maxActive, active);
      int agentActive = activeByAgent.merge(agentId, 1, Integer::sum);
      maxActiveByAgent.merge(agentId, agentActive, Math::max);
      callsByNumber.merge(to, 1, Integer::sum);
    }
    call.transcript =
        fixed != null && fixed.transcript() != null
            ? fixed.transcript()
            : "assistant: Hello, this is your assistant calling.\nuser: Hi, I'm interested. How much is it?\nassistant: Let me book a demo for you.";
    calls.put(id, call);
    log.info("Simulated Bolna: call {} to {} accepted, will end {}", id, to, outcome);
    play(call, outcome);
    return id;
  }

  private String drawOutcome() {
    double draw = random.nextDouble();
    if (draw < settings.answerRate()) {
      return "completed";
    }
    return draw < settings.answerRate() + settings.busyRate() ? "busy" : "no-answer";
  }

  private void play(Call call, String outcome) {
    long ring = millis(settings.ringSeconds());
    List<Step> steps = new ArrayList<>();
    steps.add(new Step(0, "initiated"));
    if ("failed".equals(outcome)) {
      call.hangupBy = "Error";
      call.hangupReason = "Call failed";
      steps.add(new Step(ring / 3, "failed"));
      playInOrder(call, steps, 0, 0);
      return;
    }
    steps.add(new Step(ring / 3, "ringing"));
    switch (outcome) {
      case "busy" -> {
        call.hangupBy = "Callee";
        call.hangupReason = "Call recipient was busy";
        steps.add(new Step(ring, "busy"));
      }
      case "no-answer" -> {
        call.hangupBy = "Carrier";
        call.hangupReason = "Call unanswered";
        steps.add(new Step(ring, "no-answer"));
      }
      default -> {
        long talk = millis(call.talkSeconds * settings.timeScale());
        long disconnected = ring + talk;
        steps.add(new Step(ring, "in-progress"));
        steps.add(new Step(disconnected, "call-disconnected"));
        steps.add(new Step(disconnected + millis(settings.postProcessingSeconds()), "completed"));
      }
    }
    playInOrder(call, steps, 0, 0);
  }

  /** A status a call reaches, {@code atMillis} after it was accepted. */
  private record Step(long atMillis, String status) {}

  /**
   * Plays {@code steps} from {@code next} on, each once the one before it is done, so a call's
   * statuses never overtake each other even when they fall on the same instant.
   */
  private void playInOrder(Call call, List<Step> steps, int next, long sinceMillis) {
    Step step = steps.get(next);
    clock.schedule(
        () -> {
          advance(call, step.status());
          if (next + 1 < steps.size()) {
            playInOrder(call, steps, next + 1, step.atMillis());
          }
        },
        step.atMillis() - sinceMillis,
        TimeUnit.MILLISECONDS);
  }

  private void advance(Call call, String status) {
    ObjectNode payload;
    synchronized (this) {
      if (TERMINAL.contains(call.status)) {
        return;
      }
      call.status = status;
      call.updatedAt = Instant.now();
      if ("in-progress".equals(status)) {
        call.answered = true;
      }
      if ("call-disconnected".equals(status)) {
        call.hangupBy = "Callee";
        call.hangupReason = "Call recipient hungup";
      }
      if (TERMINAL.contains(status)) {
        active--;
        activeByAgent.merge(call.agentId, -1, Integer::sum);
        finished(call);
      }
      payload = execution(call);
    }
    // The platform logs each webhook it stores; at info this said it all again.
    log.debug("Simulated Bolna: call {} is {}", call.id, status);
    ObjectNode agent = agents.get(call.agentId);
    String webhook = agent == null ? null : agent.at("/agent_config/webhook_url").asText(null);
    if (webhook != null && !webhook.isBlank()) {
      deliver(webhook, payload, call.id, status, 1, Instant.now());
    }
  }

  /** Posts the payload; failed deliveries are retried with backoff for a few minutes. */
  private void deliver(
      String url, ObjectNode payload, String callId, String status, int attempt, Instant first) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(payload.toString()))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete(
            (response, error) -> {
              boolean delivered = error == null && response.statusCode() / 100 == 2;
              if (delivered) {
                log.debug(
                    "Simulated Bolna: webhook {} {} delivered (attempt {})",
                    callId,
                    status,
                    attempt);
                return;
              }
              String why = error != null ? error.toString() : "HTTP " + response.statusCode();
              Duration pause = Duration.ofSeconds(Math.min(60, 1L << Math.min(attempt - 1, 6)));
              if (Instant.now().plus(pause).isAfter(first.plus(settings.webhookRetryMax()))) {
                log.warn(
                    "Simulated Bolna: webhook {} {} given up after {} attempts: {}",
                    callId,
                    status,
                    attempt,
                    why);
                return;
              }
              log.info(
                  "Simulated Bolna: webhook {} {} failed ({}), retrying in {}",
                  callId,
                  status,
                  why,
                  pause);
              clock.schedule(
                  () -> deliver(url, payload, callId, status, attempt + 1, first),
                  pause.toMillis(),
                  TimeUnit.MILLISECONDS);
            });
  }

  /** The key's execution, or null when it has none of that id. */
  public synchronized ObjectNode execution(String key, String id) {
    Call call = calls.get(id);
    return call == null || !key.equals(call.key) ? null : execution(call);
  }

  /** Stops a call that has not started ringing; false when it has. */
  public synchronized boolean stop(String key, String id) {
    Call call = calls.get(id);
    if (call == null || !key.equals(call.key) || !"queued".equals(call.status)) {
      return false;
    }
    call.status = "stopped";
    active--;
    activeByAgent.merge(call.agentId, -1, Integer::sum);
    finished(call);
    return true;
  }

  /** Notes that {@code call} reached a final status, and forgets those past the retention. */
  private void finished(Call call) {
    Instant now = Instant.now();
    finished.addLast(new Finished(call.id, now));
    forgetFinishedBefore(now.minus(settings.retention()));
  }

  /**
   * Forgets the calls that reached a final status before {@code cutoff}: their executions read as
   * unknown from then on.
   *
   * @return how many were forgotten
   */
  synchronized int forgetFinishedBefore(Instant cutoff) {
    int forgotten = 0;
    while (!finished.isEmpty() && finished.peekFirst().at().isBefore(cutoff)) {
      calls.remove(finished.removeFirst().id());
      forgotten++;
    }
    return forgotten;
  }

  public synchronized ObjectNode executions(
      String key, String agentId, int page, int size, String status, String callType) {
    List<Call> matching =
        calls.values().stream()
            .filter(call -> call.agentId.equals(agentId) && call.key.equals(key))
            .filter(call -> status == null || status.equals(call.status))
            .filter(call -> callType == null || "outbound".equals(callType))
            .sorted(Comparator.comparing((Call call) -> call.createdAt).reversed())
            .toList();
    int from = Math.min(matching.size(), (page - 1) * size);
    int to = Math.min(matching.size(), from + size);
    ObjectNode answer = json.createObjectNode();
    answer.put("page_number", page);
    answer.put("page_size", size);
    answer.put("total", matching.size());
    answer.put("has_more", to < matching.size());
    ArrayNode data = answer.putArray("data");
    matching.subList(from, to).forEach(call -> data.add(execution(call)));
    return answer;
  }

  private ObjectNode execution(Call call) {
    boolean disconnected =
        call.answered
            && ("call-disconnected".equals(call.status) || "completed".equals(call.status));
    int seconds = disconnected ? call.talkSeconds : 0;
    ObjectNode node = json.createObjectNode();
    node.put("id", call.id);
    node.put("agent_id", call.agentId);
    node.putNull("batch_id");
    node.put("status", call.status);
    node.putNull("smart_status");
    if ("failed".equals(call.status)) {
      node.put("error_message", "The call could not be connected");
    } else {
      node.putNull("error_message");
    }
    node.put("conversation_duration", seconds);
    node.put("total_cost", disconnected ? Math.round(seconds * 0.2) : 0);
    if (disconnected) {
      node.put("transcript", call.transcript);
      node.put("summary", "The callee talked with the agent for " + seconds + " seconds.");
      node.putObject("extracted_data").put("interested", true);
    } else {
      node.putNull("transcript");
      node.putNull("summary");
      node.putNull("extracted_data");
    }
    node.put("answered_by_voice_mail", false);
    node.put("created_at", naive(call.createdAt));
    node.put("updated_at", naive(call.updatedAt));
    node.put("user_number", call.to);
    node.put("agent_number", call.from);
    ObjectNode context = node.putObject("context_details");
    context.set(
        "recipient_data", call.userData == null ? json.createObjectNode() : parsed(call.userData));
    context.put("recipient_phone_number", call.to);
    ObjectNode telephony = node.putObject("telephony_data");
    telephony.put("duration", Integer.toString(seconds));
    telephony.put("to_number", call.to);
    telephony.put("from_number", call.from);
    if ("completed".equals(call.status)) {
      telephony.put("recording_url", "https://recordings.simulator.test/" + call.id + ".mp3");
    } else {
      telephony.putNull("recording_url");
    }
    telephony.put("call_type", "outbound");
    telephony.put("provider", "plivo");
    telephony.put("provider_call_id", "sim-" + call.id.substring(0, 8));
    telephony.put("hangup_by", call.hangupBy);
    telephony.put("hangup_reason", call.hangupReason);
    if (call.hangupReason == null) {
      telephony.putNull("hangup_provider_code");
    } else {
      telephony.put("hangup_provider_code", call.answered ? 4000 : 3010);
    }
    telephony.put("ring_duration", (int) Math.ceil(settings.ringSeconds()));
    telephony.put("post_dial_delay", 1);
    return node;
  }

  // ------------------------------------------------------------------ stats

  public synchronized Map<String, Object> stats() {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("calls_placed", callsPlaced);
    stats.put("active", active);
    stats.put("max_active", maxActive);
    stats.put("max_active_by_agent", new LinkedHashMap<>(maxActiveByAgent));
    stats.put("calls_by_number", new LinkedHashMap<>(callsByNumber));
    stats.put("outage_refusals", new LinkedHashMap<>(outageRefusals));
    return stats;
  }

  public synchronized void reset() {
    agents.clear();
    agentKeys.clear();
    calls.clear();
    finished.clear();
    numbers.clear();
    callsPlaced = 0;
    active = 0;
    maxActive = 0;
    activeByAgent.clear();
    maxActiveByAgent.clear();
    callsByNumber.clear();
    outageRefusals.clear();
    outage = null;
    random = new Random(settings.seed());
  }

  private JsonNode parsed(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      // It was serialized from a tree this process parsed.
      throw new IllegalStateException(e);
    }
  }

  private static long millis(double seconds) {
    return Math.max(0, Math.round(seconds * 1000));
  }

  static String naive(Instant instant) {
    return NAIVE.format(
        LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
  }
}
