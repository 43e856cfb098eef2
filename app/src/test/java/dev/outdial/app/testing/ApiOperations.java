package dev.outdial.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API's operations as its own OpenAPI document ({@code /v3/api-docs}) lists them, so a test
 * that sweeps them all covers a new endpoint without anyone adding it.
 */
public final class ApiOperations {

  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

  private ApiOperations() {}

  /** One method on one path, its query parameters, and whether it takes a JSON body. */
  public record Operation(
      String method, String path, List<String> queryParameters, boolean takesJson) {

    public boolean admin() {
      return path.startsWith("/api/admin/");
    }

    /** The first segment after {@code /api}: agents, contacts, campaigns, ... */
    public String resource() {
      return path.split("/")[2];
    }

    /**
     * The path with its variables filled: an {@code action} with {@code pause}, a phone number with
     * one, and ids with {@code ids} by the path's resource (a random id when it has none there).
     */
    public String filled(Map<String, String> ids) {
      Matcher variable = PATH_VARIABLE.matcher(path);
      StringBuilder filled = new StringBuilder();
      while (variable.find()) {
        String name = variable.group(1);
        String value;
        if (name.startsWith("action")) {
          value = "pause";
        } else if (name.equals("phoneNumber")) {
          value = "%2B14155550142";
        } else {
          value = ids.getOrDefault(resource(), UUID.randomUUID().toString());
        }
        variable.appendReplacement(filled, Matcher.quoteReplacement(value));
      }
      variable.appendTail(filled);
      return filled.toString();
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** Every operation under {@code /api/}. */
  public static List<Operation> all(ApiClient api) {
    JsonNode spec = api.get("/v3/api-docs", null).json();
    List<Operation> operations = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
          methods.hasNext(); ) {
        Map.Entry<String, JsonNode> method = methods.next();
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : method.getValue().path("parameters")) {
          if (parameter.path("in").asText().equals("query")) {
            query.add(parameter.path("name").asText());
          }
        }
        boolean json =
            method.getValue().path("requestBody").path("content").has("application/json");
        operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), query, json));
      }
    }
    assertThat(operations).as("the API's own document lists its operations").hasSizeGreaterThan(40);
    return operations;
  }
}
