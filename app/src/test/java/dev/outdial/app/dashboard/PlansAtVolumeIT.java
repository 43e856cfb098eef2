package dev.outdial.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.activities.testing.QueryPlan;
import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.app.testing.SimulatedCampaigns;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The query plans of the read side at volume: the app is filled by {@code bench/generate-data.sql}
 * (100,000 calls of 100 users, the heavy one with 10,000), each list, dashboard and export is asked
 * for over HTTP as the heavy user, every statement the request ran is recorded and explained with
 * its own parameters, and none may read a big table by a sequential scan. The calling path's
 * statements, which Postgres may plan once for any values, are held to the same rule as generic
 * plans.
 */
@Import(PlansAtVolumeIT.Recording.class)
@TestPropertySource(
    properties = {
      "outdial.dashboard.kpi-refresh-interval=1h",
      // The campaign of the calling path's test: short calls, at any hour.
      "outdial.quiet-hours=off",
      "outdial.simulator.ring-seconds=0.05",
      "outdial.simulator.post-processing-seconds=0.05",
      "outdial.simulator.time-scale=0.1",
      "outdial.bolna.webhook.sweep-interval=200ms",
      "outdial.dispatch.poll-interval=300ms"
    })
class PlansAtVolumeIT extends ApiTestSupport {

  private static final Set<String> BIG_TABLES =
      Set.of(
          "calls",
          "call_activity",
          "lead_analytics",
          "contacts",
          "call_queue",
          "transcripts",
          "credit_transactions",
          "agent_analytics",
          "call_attempts");

  private static final List<RecordedQuery> RECORDED = new CopyOnWriteArrayList<>();
  private static volatile boolean recording;

  /** What the workers and webhook processing ran: the calling path. */
  private static final Set<String> CALLING_PATH = ConcurrentHashMap.newKeySet();

  private static volatile boolean recordingCallingPath;
  private static boolean generated;
  private static String heavyToken;
  private static UUID heavyCampaign;
  private static UUID heavyAgent;

  record RecordedQuery(String sql, List<ParameterSetOperation> parameters) {}

  /** Wraps the app's DataSource so the statements of HTTP requests are recorded. */
  @TestConfiguration
  static class Recording {
    @Bean
    static BeanPostProcessor recordStatements() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
          if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
            return ProxyDataSourceBuilder.create(dataSource).listener(new Recorder()).build();
          }
          return bean;
        }
      };
    }
  }

  static class Recorder implements QueryExecutionListener {
    @Override
    public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {}

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
      String thread = Thread.currentThread().getName();
      if (recordingCallingPath
          && (thread.startsWith("Activity Executor") || thread.startsWith("webhook-processor"))) {
        queries.forEach(query -> CALLING_PATH.add(query.getQuery()));
      }
      // Only what an HTTP request ran: not the schedulers' or the workers' statements.
      if (!recording || !thread.startsWith("http-nio")) {
        return;
      }
      for (QueryInfo query : queries) {
        List<ParameterSetOperation> parameters =
            query.getParametersList().isEmpty() ? List.of() : query.getParametersList().get(0);
        RECORDED.add(new RecordedQuery(query.getQuery(), List.copyOf(parameters)));
      }
    }
  }

  @Autowired private DataSource dataSource;

  @BeforeEach
  void fillOnce() throws Exception {
    if (generated) {
      return;
    }
    String script = Files.readString(Path.of("..", "bench", "generate-data.sql"));
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String setting :
          List.of(
              "SET bench.users = '100'",
              "SET bench.agents = '500'",
              "SET bench.calls = '100000'",
              "SET bench.contacts = '20000'",
              "SET bench.days = '90'",
              "SET bench.heavy_calls = '10000'")) {
        statement.execute(setting);
      }
      statement.execute(script);
      // What autovacuum does to a table that has settled: the visibility map lets the planner
      // read covering indexes alone.
      statement.execute("VACUUM (ANALYZE) calls, lead_analytics, contacts, call_queue");
    }
    var login =
        api.post(
            "/api/auth/login",
            null,
            Map.of("email", "heavy@bench.outdial.dev", "password", "bench-password"));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    heavyToken = login.json().path("token").asText();
    UUID heavy = UUID.fromString(login.json().path("user").path("id").asText());
    heavyCampaign =
        jdbc.sql(
                """
                SELECT campaign_id FROM call_queue WHERE user_id = :u
                GROUP BY campaign_id ORDER BY count(*) DESC LIMIT 1
                """)
            .param("u", heavy)
            .query(UUID.class)
            .single();
    heavyAgent =
        jdbc.sql(
                "SELECT agent_id FROM calls WHERE user_id = :u GROUP BY 1 ORDER BY count(*) DESC"
                    + " LIMIT 1")
            .param("u", heavy)
            .query(UUID.class)
            .single();
    generated = true;
  }

  static Stream<String> readSide() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String quarter = "from=" + today.minusDays(89) + "&to=" + today;
    return Stream.of(
        "/api/calls",
        "/api/calls?status=failed",
        "/api/calls?agent_id={agent}",
        "/api/calls?campaign_id={campaign}",
        "/api/calls?from=" + today.minusDays(7) + "T00:00:00Z",
        "/api/calls/active",
        "/api/leads",
        "/api/leads?min_score=70",
        "/api/leads?status_tag=Hot",
        "/api/contacts",
        "/api/contacts?search=example",
        "/api/campaigns",
        "/api/campaigns/{campaign}",
        "/api/campaigns/{campaign}/queue",
        "/api/campaigns/{campaign}/analytics",
        "/api/credits",
        "/api/dashboard/kpis",
        "/api/dashboard/agents?" + quarter,
        "/api/dashboard/calls-per-day?" + quarter + "&tz=America/New_York",
        "/api/dashboard/calls-per-day?" + quarter + "&campaign_id={campaign}");
  }

  private String path(String template) {
    return template
        .replace("{campaign}", heavyCampaign.toString())
        .replace("{agent}", heavyAgent.toString());
  }

  @ParameterizedTest
  @MethodSource("readSide")
  void theFirstPageReadsNoBigTableSequentially(String template) throws Exception {
    assertPlansUseIndexes(path(template), 1);
  }

  @ParameterizedTest
  @MethodSource("deepLists")
  void aDeepPageReadsNoBigTableSequentially(String template) throws Exception {
    assertPlansUseIndexes(path(template), 20);
  }

  static Stream<String> deepLists() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    return Stream.of(
        "/api/calls",
        "/api/leads",
        "/api/contacts",
        "/api/campaigns/{campaign}/queue?limit=5",
        "/api/dashboard/agents?from=" + today.minusDays(89) + "&to=" + today);
  }

  @ParameterizedTest
  @MethodSource("exports")
  void anExportReadsNoBigTableSequentially(String path) throws Exception {
    assertPlansUseIndexes(path, 1);
  }

  static Stream<String> exports() {
    return Stream.of("/api/calls/export.csv", "/api/leads/export.csv", "/api/contacts/export.csv");
  }

  /** Asks for {@code page} pages of {@code path} and explains the statements of the last one. */
  private void assertPlansUseIndexes(String path, int page) throws Exception {
    String cursor = null;
    for (int i = 1; i < page; i++) {
      JsonNode answer = api.get(withCursor(path, cursor), heavyToken).json();
      cursor = answer.path("next_cursor").asText(null);
      assertThat(cursor).as("page %d of %s has a next page", i, path).isNotNull();
    }
    RECORDED.clear();
    recording = true;
    int status;
    try {
      status = api.get(withCursor(path, cursor), heavyToken).status();
    } finally {
      recording = false;
    }
    assertThat(status).as(path).isEqualTo(200);
    List<RecordedQuery> statements = new ArrayList<>(RECORDED);
    assertThat(statements).as("statements of " + path).isNotEmpty();
    for (RecordedQuery statement : statements) {
      if (!statement.sql().strip().toUpperCase().startsWith("SELECT")
          && !statement.sql().strip().toUpperCase().startsWith("WITH")) {
        continue;
      }
      QueryPlan plan = explain(statement);
      assertThat(plan.sequentiallyScanned())
          .as("sequential scans of big tables by %s in%n%s%n%s", path, statement.sql(), plan)
          .noneMatch(BIG_TABLES::contains);
    }
  }

  private static String withCursor(String path, String cursor) {
    if (cursor == null) {
      return path;
    }
    return path
        + (path.contains("?") ? "&" : "?")
        + "cursor="
        + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  private QueryPlan explain(RecordedQuery statement) throws SQLException {
    ProxyDataSource proxy = (ProxyDataSource) dataSource;
    try (Connection connection = proxy.getDataSource().getConnection();
        PreparedStatement explain =
            connection.prepareStatement("EXPLAIN (FORMAT JSON) " + statement.sql())) {
      for (ParameterSetOperation parameter : statement.parameters()) {
        try {
          parameter.getMethod().invoke(explain, parameter.getArgs());
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      try (ResultSet plan = explain.executeQuery()) {
        plan.next();
        return QueryPlan.of(plan.getString(1));
      }
    }
  }

  /**
   * The calling path's statements are prepared on the server, where Postgres may plan them once for
   * any values (HotPathJdbc). Run a small campaign among the big tables, then explain each
   * statement it ran as such a generic plan: none may read a big table whole.
   */
  @Test
  void theCallingPathsGenericPlansReadNoBigTableSequentially() throws Exception {
    TestUser owner = signup("generic-plans");
    CALLING_PATH.clear();
    recordingCallingPath = true;
    try {
      String campaignId =
          SimulatedCampaigns.startCampaign(
              api, api, owner.token(), SimulatedCampaigns.numbers(7100, 3), 3);
      SimulatedCampaigns.awaitCompleted(
          api,
          new SimulatedCampaigns.Owner(owner.token(), owner.id()),
          campaignId,
          Duration.ofSeconds(90));
    } finally {
      recordingCallingPath = false;
    }

    List<String> statements = new ArrayList<>(CALLING_PATH);
    assertThat(statements).as("the calling path's statements").hasSizeGreaterThan(20);
    ProxyDataSource proxy = (ProxyDataSource) dataSource;
    try (Connection connection = proxy.getDataSource().getConnection();
        Statement explain = connection.createStatement()) {
      // The fill leaves some of the tables small (call_attempts); a scan of those is no harm.
      Set<String> big = new HashSet<>();
      try (ResultSet tables =
          explain.executeQuery(
              "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples >= 10000")) {
        while (tables.next()) {
          big.add(tables.getString(1));
        }
      }
      assertThat(big).contains("calls", "call_queue", "contacts");
      // The plan Postgres makes once for any values, shown whatever values EXECUTE names.
      explain.execute("SET plan_cache_mode = force_generic_plan");
      try {
        int index = 0;
        for (String sql : statements) {
          // As the driver sends it: $1, $2, ... for its placeholders.
          NativeQuery statement = Parser.parseJdbcSql(sql, true, true, false, false, false).get(0);
          String name = "calling_path_" + index++;
          explain.execute("PREPARE " + name + " AS " + statement.nativeSql);
          int parameters = statement.bindPositions.length;
          String nulls =
              parameters == 0
                  ? ""
                  : "(" + String.join(", ", Collections.nCopies(parameters, "NULL")) + ")";
          QueryPlan plan;
          try (ResultSet answer =
              explain.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE " + name + nulls)) {
            answer.next();
            plan = QueryPlan.of(answer.getString(1));
          }
          assertThat(plan.sequentiallyScanned())
              .as("sequential scans of big tables by the generic plan of%n%s%n%s", sql, plan)
              .noneMatch(big::contains);
        }
      } finally {
        // The connection goes back to the pool as it came: each statement prepared above, under
        // a name of its own, goes in one.
        explain.execute("RESET plan_cache_mode");
        explain.execute("DEALLOCATE ALL");
      }
    }
  }
}
