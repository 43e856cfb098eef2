package dev.outdial.app.lead;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A lead's JSON written for people, as {@code ${@leadText.reasons(lead.reasoning)}}: the reasoning
 * as a list per dimension, and the calls to action that happened, in words. Takes the JSON as the
 * call detail (maps) and the lead list (Jackson trees) carry it.
 */
@Component("leadText")
public class LeadTexts {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** One dimension of the reasoning: its name in words and what moved it. */
  public record Reason(String dimension, List<String> items) {}

  private final ObjectMapper json;

  LeadTexts(ObjectMapper json) {
    this.json = json;
  }

  /** The score's dimensions in the order the lead shows them; others follow as stored. */
  private static final List<String> ORDER =
      List.of("intent", "urgency", "budget", "fit", "engagement", "total");

  /**
   * The reasoning per dimension (intent, urgency, budget, fit, engagement, then anything else); a
   * dimension nothing moved has no items.
   */
  public List<Reason> reasons(Object reasoning) {
    Map<String, Object> byDimension = new LinkedHashMap<>();
    Map<String, Object> stored = map(reasoning);
    ORDER.stream()
        .filter(stored::containsKey)
        .forEach(dimension -> byDimension.put(dimension, stored.get(dimension)));
    stored.forEach(byDimension::putIfAbsent);
    List<Reason> reasons = new ArrayList<>();
    byDimension.forEach((dimension, why) -> reasons.add(new Reason(words(dimension), lines(why))));
    return reasons;
  }

  /** The calls to action that happened ({@code demo_booked} → "Demo booked"). */
  public List<String> callsToAction(Object ctaInteractions) {
    List<String> happened = new ArrayList<>();
    map(ctaInteractions)
        .forEach(
            (kind, value) -> {
              if (Boolean.TRUE.equals(value) || "true".equals(String.valueOf(value))) {
                happened.add(words(kind));
              }
            });
    return happened;
  }

  /** {@code pricing_asked} → "Pricing asked". */
  public String words(String name) {
    if (name == null || name.isBlank()) {
      return "";
    }
    String spaced = name.replace('_', ' ').strip();
    return spaced.substring(0, 1).toUpperCase(Locale.ROOT) + spaced.substring(1);
  }

  private Map<String, Object> map(Object value) {
    if (value == null) {
      return Map.of();
    }
    try {
      return json.convertValue(value, MAP);
    } catch (IllegalArgumentException e) {
      return Map.of("reasoning", value.toString());
    }
  }

  private static List<String> lines(Object why) {
    List<String> lines = new ArrayList<>();
    if (why instanceof List<?> list) {
      list.forEach(item -> lines.add(String.valueOf(item)));
    } else if (why instanceof Map<?, ?> map) {
      map.forEach((key, value) -> lines.add(key + ": " + value));
    } else if (why != null && !String.valueOf(why).isBlank()) {
      lines.add(String.valueOf(why));
    }
    return lines;
  }
}
