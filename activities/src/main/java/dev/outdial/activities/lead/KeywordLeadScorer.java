package dev.outdial.activities.lead;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The default scorer: deterministic and explainable. Each dimension starts from a neutral score and
 * moves by the phrases the callee said (lines not spoken by the agent); every move is written into
 * the reasoning, so a user can see why a lead is hot.
 */
public class KeywordLeadScorer implements LeadScorer {

  private record Cue(String phrase, int points) {}

  private static final Map<String, List<Cue>> CUES =
      Map.of(
          "intent",
          List.of(
              new Cue("interested", 25),
              new Cue("sounds good", 20),
              new Cue("book a demo", 30),
              new Cue("schedule a demo", 30),
              new Cue("sign up", 25),
              new Cue("let's do it", 25),
              new Cue("send me", 10),
              new Cue("not interested", -45),
              new Cue("no thanks", -30),
              new Cue("don't call", -50),
              new Cue("do not call", -50),
              new Cue("stop calling", -50)),
          "urgency",
          List.of(
              new Cue("today", 20),
              new Cue("tomorrow", 15),
              new Cue("this week", 20),
              new Cue("asap", 30),
              new Cue("as soon as possible", 30),
              new Cue("urgent", 30),
              new Cue("next year", -25),
              new Cue("no rush", -20),
              new Cue("maybe later", -15)),
          "budget",
          List.of(
              new Cue("budget", 15),
              new Cue("how much", 15),
              new Cue("price", 10),
              new Cue("pricing", 10),
              new Cue("cost", 10),
              new Cue("afford", 5),
              new Cue("too expensive", -30),
              new Cue("no budget", -40)),
          "fit",
          List.of(
              new Cue("we need", 20),
              new Cue("looking for", 20),
              new Cue("our team", 10),
              new Cue("we use", 10),
              new Cue("problem", 10),
              new Cue("don't need", -35),
              new Cue("not relevant", -35),
              new Cue("wrong person", -30)));

  private static final Map<String, String> CTA =
      Map.ofEntries(
          Map.entry("book a demo", "demo_booked"),
          Map.entry("schedule a demo", "demo_booked"),
          Map.entry("demo on", "demo_booked"),
          Map.entry("how much", "pricing_asked"),
          Map.entry("pricing", "pricing_asked"),
          Map.entry("price", "pricing_asked"),
          Map.entry("call me back", "callback_requested"),
          Map.entry("call back", "callback_requested"),
          Map.entry("not interested", "not_interested"),
          Map.entry("don't call", "do_not_call"),
          Map.entry("do not call", "do_not_call"),
          Map.entry("stop calling", "do_not_call"),
          Map.entry("remove me", "do_not_call"));

  @Override
  public LeadScore score(String transcript, JsonNode extractedData) {
    String said = calleeLines(transcript);
    Map<String, List<String>> reasoning = new LinkedHashMap<>();
    Map<String, Integer> scores = new LinkedHashMap<>();
    for (String dimension : List.of("intent", "urgency", "budget", "fit")) {
      int score = 50;
      List<String> why = new ArrayList<>();
      for (Cue cue : CUES.get(dimension)) {
        if (said.contains(cue.phrase())) {
          score += cue.points();
          why.add((cue.points() > 0 ? "+" : "") + cue.points() + " '" + cue.phrase() + "'");
        }
      }
      scores.put(dimension, clamp(score));
      reasoning.put(dimension, why);
    }
    applyExtractedData(extractedData, scores, reasoning);

    int calleeTurns = countTurns(transcript);
    int words = said.isBlank() ? 0 : said.strip().split("\\s+").length;
    int engagement = clamp(10 + calleeTurns * 8 + Math.min(words, 200) / 4);
    reasoning.put("engagement", List.of(calleeTurns + " callee turns, " + words + " words"));
    scores.put("engagement", engagement);

    Map<String, Boolean> cta = new LinkedHashMap<>();
    LeadScore.CALLS_TO_ACTION.forEach(kind -> cta.put(kind, false));
    CTA.forEach(
        (phrase, kind) -> {
          if (said.contains(phrase)) {
            cta.put(kind, true);
          }
        });

    int total =
        clamp(
            (int)
                Math.round(
                    scores.get("intent") * 0.35
                        + scores.get("urgency") * 0.15
                        + scores.get("budget") * 0.15
                        + scores.get("fit") * 0.20
                        + engagement * 0.15));
    if (cta.get("do_not_call") || cta.get("not_interested")) {
      total = Math.min(total, 20);
      reasoning.put("total", List.of("capped at 20: the callee declined"));
    } else if (words < 5) {
      total = Math.min(total, 35);
      reasoning.put("total", List.of("capped at 35: the callee said too little to judge"));
    }
    String tag = LeadScore.tag(total);
    return new LeadScore(
        LeadScore.level(scores.get("intent")),
        scores.get("intent"),
        LeadScore.level(scores.get("urgency")),
        scores.get("urgency"),
        LeadScore.level(scores.get("budget")),
        scores.get("budget"),
        LeadScore.level(scores.get("fit")),
        scores.get("fit"),
        LeadScore.level(engagement),
        engagement,
        total,
        tag,
        reasoning,
        cta);
  }

  private static void applyExtractedData(
      JsonNode extracted, Map<String, Integer> scores, Map<String, List<String>> reasoning) {
    if (extracted == null || !extracted.isObject()) {
      return;
    }
    JsonNode interested = extracted.path("interested");
    if (interested.isBoolean()) {
      int points = interested.asBoolean() ? 20 : -30;
      scores.put("intent", clamp(scores.get("intent") + points));
      reasoning
          .get("intent")
          .add(
              (points > 0 ? "+" : "")
                  + points
                  + " extracted_data.interested="
                  + interested.asBoolean());
    }
  }

  /** The labels of the callee's lines; a line without a label is the callee's too. */
  private static final List<String> CALLEE_LABELS = List.of("user:", "customer:", "callee:");

  /** What the callee said, without the labels: every line not spoken by the agent, lower case. */
  private static String calleeLines(String transcript) {
    if (transcript == null) {
      return "";
    }
    StringBuilder said = new StringBuilder();
    for (String line : transcript.split("\\R")) {
      String lower = line.toLowerCase(Locale.ROOT).strip();
      if (lower.startsWith("assistant:")
          || lower.startsWith("agent:")
          || lower.startsWith("bot:")) {
        continue;
      }
      for (String label : CALLEE_LABELS) {
        if (lower.startsWith(label)) {
          lower = lower.substring(label.length()).strip();
          break;
        }
      }
      said.append(' ').append(lower.replace('’', '\''));
    }
    return said.toString();
  }

  private static int countTurns(String transcript) {
    if (transcript == null) {
      return 0;
    }
    int turns = 0;
    for (String line : transcript.split("\\R")) {
      String lower = line.toLowerCase(Locale.ROOT).strip();
      if (CALLEE_LABELS.stream().anyMatch(lower::startsWith)) {
        turns++;
      }
    }
    return turns;
  }

  private static int clamp(int score) {
    return Math.max(0, Math.min(100, score));
  }
}
