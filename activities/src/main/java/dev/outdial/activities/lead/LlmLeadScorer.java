package dev.outdial.activities.lead;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores through an OpenAI-compatible chat completions endpoint ({@code OUTDIAL_LLM_BASE_URL},
 * {@code _API_KEY}, {@code _MODEL}). The answer must be a JSON object with every score as a whole
 * number from 0 to 100; anything else (an error, a timeout, a missing or out-of-range field) falls
 * back to the default scorer, so a call is always scored.
 */
public class LlmLeadScorer implements LeadScorer {

  private static final Logger log = LoggerFactory.getLogger(LlmLeadScorer.class);
  private static final List<String> DIMENSIONS =
      List.of("intent", "urgency", "budget", "fit", "engagement");
  private static final Map<String, String> LEVEL_FIELDS =
      Map.of(
          "intent", "intent_level",
          "urgency", "urgency_level",
          "budget", "budget_constraint",
          "fit", "fit_alignment",
          "engagement", "engagement_health");
  private static final String INSTRUCTIONS =
      """
      You qualify sales leads from phone call transcripts. Answer with one JSON object only:
      {"intent_score": 0-100, "intent_level": "low|medium|high",
       "urgency_score": 0-100, "urgency_level": "low|medium|high",
       "budget_score": 0-100, "budget_constraint": "low|medium|high",
       "fit_score": 0-100, "fit_alignment": "low|medium|high",
       "engagement_score": 0-100, "engagement_health": "low|medium|high",
       "total_score": 0-100,
       "reasoning": {"intent": ["why"], "urgency": [], "budget": [], "fit": [], "engagement": []},
       "cta_interactions": {"demo_booked": bool, "pricing_asked": bool,
         "callback_requested": bool, "not_interested": bool, "do_not_call": bool}}
      Scores are whole numbers. do_not_call is true only if the callee asked not to be called.
      """;

  private final String baseUrl;
  private final String apiKey;
  private final String model;
  private final LeadScorer fallback;
  private final ObjectMapper json;
  private final HttpClient http;
  private final Duration timeout;

  public LlmLeadScorer(
      String baseUrl,
      String apiKey,
      String model,
      LeadScorer fallback,
      ObjectMapper json,
      Duration timeout) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.apiKey = apiKey;
    this.model = model;
    this.fallback = fallback;
    this.json = json;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public LeadScore score(String transcript, JsonNode extractedData) {
    try {
      return parse(ask(transcript, extractedData));
    } catch (IOException | RuntimeException e) {
      log.warn("The LLM scorer failed ({}); using the default scorer", e.getMessage());
      return fallback.score(transcript, extractedData);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fallback.score(transcript, extractedData);
    }
  }

  private String ask(String transcript, JsonNode extractedData)
      throws IOException, InterruptedException {
    ObjectNode body = json.createObjectNode();
    body.put("model", model);
    body.put("temperature", 0);
    body.putObject("response_format").put("type", "json_object");
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", INSTRUCTIONS);
    messages
        .addObject()
        .put("role", "user")
        .put(
            "content",
            "Transcript:\n"
                + (transcript == null ? "(none)" : transcript)
                + "\n\nExtracted data: "
                + (extractedData == null ? "{}" : extractedData.toString()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (apiKey != null && !apiKey.isBlank()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("the endpoint answered " + response.statusCode());
    }
    String content = json.readTree(response.body()).at("/choices/0/message/content").asText(null);
    if (content == null) {
      throw new IOException("the answer has no choices[0].message.content");
    }
    return content;
  }

  /** Strict: every score present, a whole number 0–100; levels and tag derived when missing. */
  LeadScore parse(String content) throws IOException {
    JsonNode answer = json.readTree(content);
    if (!answer.isObject()) {
      throw new IOException("the content is not a JSON object");
    }
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (String dimension : DIMENSIONS) {
      scores.put(dimension, score(answer, dimension + "_score"));
    }
    int total = score(answer, "total_score");
    Map<String, List<String>> reasoning = new LinkedHashMap<>();
    for (String dimension : DIMENSIONS) {
      List<String> why = new java.util.ArrayList<>();
      answer.path("reasoning").path(dimension).forEach(item -> why.add(item.asText()));
      reasoning.put(dimension, why);
    }
    Map<String, Boolean> cta = new LinkedHashMap<>();
    for (String kind : LeadScore.CALLS_TO_ACTION) {
      cta.put(kind, answer.path("cta_interactions").path(kind).asBoolean(false));
    }
    return new LeadScore(
        level(answer, "intent", scores),
        scores.get("intent"),
        level(answer, "urgency", scores),
        scores.get("urgency"),
        level(answer, "budget", scores),
        scores.get("budget"),
        level(answer, "fit", scores),
        scores.get("fit"),
        level(answer, "engagement", scores),
        scores.get("engagement"),
        total,
        LeadScore.tag(total),
        reasoning,
        cta);
  }

  private static int score(JsonNode answer, String field) throws IOException {
    JsonNode value = answer.path(field);
    if (!value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 100) {
      throw new IOException(field + " is not a whole number from 0 to 100: " + value);
    }
    return value.asInt();
  }

  private static String level(JsonNode answer, String dimension, Map<String, Integer> scores) {
    String given = answer.path(LEVEL_FIELDS.get(dimension)).asText("");
    if (List.of("low", "medium", "high").contains(given)) {
      return given;
    }
    return LeadScore.level(scores.get(dimension));
  }
}
