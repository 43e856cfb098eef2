package dev.outdial.activities.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A plan Postgres gave for {@code EXPLAIN (FORMAT JSON)}, with or without {@code ANALYZE}, read as
 * the list of its nodes, for tests that hold a statement to the rows and indexes it may touch.
 */
public final class QueryPlan {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String text;
  private final List<JsonNode> nodes = new ArrayList<>();

  private QueryPlan(String text, JsonNode root) {
    this.text = text;
    collect(root, nodes);
  }

  /** Reads the one column of {@code EXPLAIN (FORMAT JSON)}. */
  public static QueryPlan of(String explainJson) {
    try {
      return new QueryPlan(explainJson, JSON.readTree(explainJson).get(0).path("Plan"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not a JSON plan: " + explainJson, e);
    }
  }

  private static void collect(JsonNode node, List<JsonNode> nodes) {
    nodes.add(node);
    node.path("Plans").forEach(child -> collect(child, nodes));
  }

  /** The nodes that read any of {@code tables}, outermost first. */
  public List<JsonNode> scansOf(String... tables) {
    Set<String> wanted = Set.of(tables);
    return nodes.stream()
        .filter(node -> wanted.contains(node.path("Relation Name").asText()))
        .toList();
  }

  /**
   * The rows the nodes reading {@code table} went through in all their loops, kept or thrown away
   * by a filter ({@code EXPLAIN ANALYZE} plans only: a node's row counts are per loop).
   */
  public long rowsRead(String table) {
    return scansOf(table).stream()
        .mapToLong(
            scan ->
                (scan.path("Actual Rows").asLong()
                        + scan.path("Rows Removed by Filter").asLong()
                        + scan.path("Rows Removed by Index Recheck").asLong())
                    * scan.path("Actual Loops").asLong(1))
        .sum();
  }

  /** The tables read by a sequential scan, once per scan. */
  public List<String> sequentiallyScanned() {
    return nodes.stream()
        .filter(node -> "Seq Scan".equals(node.path("Node Type").asText()))
        .map(node -> node.path("Relation Name").asText())
        .toList();
  }

  /** The plan as Postgres wrote it, for an assertion's description. */
  @Override
  public String toString() {
    return text;
  }
}
