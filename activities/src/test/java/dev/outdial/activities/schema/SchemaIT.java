package dev.outdial.activities.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.outdial.activities.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks that the Liquibase changelog builds exactly the schema of the reference
 * (seed/000_4ec003375a24b402.txt): first from the catalog, then by behaviour against a small data
 * set of two tenants. Every statement that changes data runs in a transaction that is rolled back,
 * so the tests share the fixtures without seeing each other's changes.
 */
class SchemaIT {

  private static final String SEED_COLUMNS = "/schema/seed-columns.txt";
  private static final String OUR_COLUMNS = "/schema/our-columns.txt";
  private static final String USER_KPI = "user_kpi";
  private static final Set<String> LIQUIBASE_TABLES =
      Set.of("databasechangelog", "databasechangeloglock");

  // Tenant A owns one of everything; tenant B owns just enough to try cross-tenant rows.
  private static final UUID USER_A = UUID.fromString("a0000000-0000-0000-0000-00000000000a");
  private static final UUID USER_B = UUID.fromString("b0000000-0000-0000-0000-00000000000b");
  private static final UUID AGENT_A = UUID.fromString("a0000000-0000-0000-0000-0000000a9e47");
  private static final UUID AGENT_B = UUID.fromString("b0000000-0000-0000-0000-0000000a9e47");
  private static final UUID CONTACT_A = UUID.fromString("a0000000-0000-0000-0000-0000000c0001");
  private static final UUID CONTACT_A2 = UUID.fromString("a0000000-0000-0000-0000-0000000c0002");
  private static final UUID CONTACT_B = UUID.fromString("b0000000-0000-0000-0000-0000000c0001");
  private static final UUID CALL_A = UUID.fromString("a0000000-0000-0000-0000-00000000ca11");
  private static final UUID TRANSCRIPT_A = UUID.fromString("a0000000-0000-0000-0000-0000000075a1");
  private static final UUID CAMPAIGN_A = UUID.fromString("a0000000-0000-0000-0000-0000000ca4a1");
  private static final UUID CAMPAIGN_B = UUID.fromString("b0000000-0000-0000-0000-0000000ca4a1");
  private static final UUID QUEUE_ITEM_A = UUID.fromString("a0000000-0000-0000-0000-000000009e01");
  private static final UUID LEAD_A = UUID.fromString("a0000000-0000-0000-0000-0000000013ad");
  private static final UUID USAGE_A = UUID.fromString("a0000000-0000-0000-0000-000000005a9e");

  /** Named parameters usable in every statement of this test. */
  private static final MapSqlParameterSource FIXTURE_IDS =
      new MapSqlParameterSource()
          .addValue("userA", USER_A)
          .addValue("userB", USER_B)
          .addValue("agentA", AGENT_A)
          .addValue("agentB", AGENT_B)
          .addValue("contactA", CONTACT_A)
          .addValue("contactA2", CONTACT_A2)
          .addValue("contactB", CONTACT_B)
          .addValue("callA", CALL_A)
          .addValue("transcriptA", TRANSCRIPT_A)
          .addValue("campaignA", CAMPAIGN_A)
          .addValue("campaignB", CAMPAIGN_B)
          .addValue("queueItemA", QUEUE_ITEM_A)
          .addValue("leadA", LEAD_A)
          .addValue("usageA", USAGE_A);

  private static JdbcTemplate jdbc;
  private static NamedParameterJdbcTemplate named;
  private static TransactionTemplate transactions;

  @BeforeAll
  static void migrateFreshDatabaseAndInsertFixtures() {
    DataSource dataSource = TestDatabase.freshDatabase();
    jdbc = new JdbcTemplate(dataSource);
    named = new NamedParameterJdbcTemplate(jdbc);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

    update(
        """
        INSERT INTO users (id, email, name, stack_auth_user_id, role) VALUES
          (:userA, 'alice@example.com', 'Alice', 'stack-a', 'user'),
          (:userB, 'bob@example.com', 'Bob', 'stack-b', 'admin')""");
    update(
        """
        INSERT INTO agents (id, user_id, bolna_agent_id, name) VALUES
          (:agentA, :userA, 'bolna-a', 'Agent A'),
          (:agentB, :userB, 'bolna-b', 'Agent B')""");
    update(
        """
        INSERT INTO contacts (id, user_id, name, phone_number) VALUES
          (:contactA, :userA, 'Carol', '+15550000001'),
          (:contactA2, :userA, 'Dave', '+15550000002'),
          (:contactB, :userB, 'Erin', '+15550000003')""");
    update(
        """
        INSERT INTO calls (id, agent_id, user_id, contact_id, bolna_execution_id, phone_number,
                           status, duration_seconds, duration_minutes, credits_used)
        VALUES (:callA, :agentA, :userA, :contactA, 'exec-a', '+15550000001',
                'completed', 61, 2, 2)""");
    update("INSERT INTO transcripts (id, call_id, content) VALUES (:transcriptA, :callA, 'Hello')");
    update("UPDATE calls SET transcript_id = :transcriptA WHERE id = :callA");
    update(
        """
        INSERT INTO call_campaigns (id, user_id, name, agent_id, next_action,
                                    first_call_time, last_call_time, start_date) VALUES
          (:campaignA, :userA, 'Spring promo', :agentA, 'Book a demo', '09:00', '17:00', '2025-10-01'),
          (:campaignB, :userB, 'Renewals', :agentB, 'Renew', '10:00', '16:00', '2025-10-01')""");
    update(
        """
        INSERT INTO call_queue (id, user_id, campaign_id, agent_id, contact_id, phone_number,
                                position, scheduled_for, call_id, status)
        VALUES (:queueItemA, :userA, :campaignA, :agentA, :contactA, '+15550000001',
                1, '2025-10-01T09:00:00Z', :callA, 'completed')""");
    update(
        """
        INSERT INTO lead_analytics (id, call_id, user_id, intent_score, urgency_score,
                                    budget_score, fit_score, engagement_score, total_score)
        VALUES (:leadA, :callA, :userA, 50, 50, 50, 50, 50, 50)""");
    update(
        """
        INSERT INTO credit_transactions (id, user_id, type, amount, balance_after, description,
                                         call_id, created_by)
        VALUES (:usageA, :userA, 'usage', -2, 13, 'Call exec-a', :callA, :userB)""");
    update(
        """
        INSERT INTO agent_analytics (agent_id, user_id, metric_date)
        VALUES (:agentA, :userA, '2025-10-01')""");
  }

  // ---------------------------------------------------------------- catalog

  @Test
  void schemaHoldsExactlyTheSeedTablesAndTheUserKpiMaterializedView() {
    Map<String, Set<String>> relationsByKind =
        jdbc
            .queryForList(
                """
                SELECT relname, relkind::text AS relkind FROM pg_class
                WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'f')
                """)
            .stream()
            .filter(row -> !LIQUIBASE_TABLES.contains((String) row.get("relname")))
            .collect(
                Collectors.groupingBy(
                    row -> (String) row.get("relkind"),
                    Collectors.mapping(row -> (String) row.get("relname"), Collectors.toSet())));

    Set<String> seedTables = new LinkedHashSet<>(relations());
    seedTables.remove(USER_KPI);
    assertThat(relationsByKind)
        .containsOnlyKeys("r", "m")
        .containsEntry("r", seedTables)
        .containsEntry("m", Set.of(USER_KPI));
  }

  /** The seed's relations and our own. */
  static List<String> relations() {
    return specifiedColumns().stream().map(ColumnSpec::table).distinct().toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("relations")
  void relationHasExactlyTheSeedColumnsWithTypeNullabilityAndDefault(String relation) {
    List<String> expected =
        specifiedColumns().stream()
            .filter(column -> column.table().equals(relation))
            .map(ColumnSpec::describe)
            .toList();

    List<String> actual =
        jdbc.query(
            """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type,
                   NOT a.attnotnull AS nullable,
                   CASE WHEN a.attgenerated = 's' THEN 'GENERATED'
                        ELSE pg_get_expr(d.adbin, d.adrelid) END AS default_expr
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relnamespace = 'public'::regnamespace AND c.relname = ?
              AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """,
            (rs, i) ->
                new ColumnSpec(
                        relation,
                        rs.getString("attname"),
                        seedTypeName(rs.getString("type")),
                        rs.getBoolean("nullable") ? "YES" : "NO",
                        normalizedDefault(rs.getString("default_expr")))
                    .describe(),
            relation);

    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void callsHasNoStartedAtEndedAtOrConversationIdAndNoTableHasLegacyColumns() {
    List<String> callColumns =
        jdbc.queryForList(
            "SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = 'calls'",
            String.class);
    List<String> legacyColumns =
        jdbc.queryForList(
            "SELECT table_name || '.' || column_name FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND column_name LIKE 'elevenlabs%'",
            String.class);

    assertThat(callColumns)
        .isNotEmpty()
        .doesNotContain("started_at", "ended_at", "bolna_conversation_id");
    assertThat(legacyColumns).isEmpty();
  }

  @Test
  void primaryKeysAndUniqueConstraintsAreExactlyTheSeedOnes() {
    List<String> actual =
        jdbc.queryForList(
            """
            SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u')
              AND conrelid::regclass::text NOT LIKE 'databasechangelog%'
            """,
            String.class);

    assertThat(actual)
        .containsExactlyInAnyOrder(
            "users users_pkey PRIMARY KEY (id)",
            "users users_email_key UNIQUE (email)",
            "users users_stack_auth_user_id_key UNIQUE (stack_auth_user_id)",
            "agents agents_pkey PRIMARY KEY (id)",
            "agents uq_agents__id_user_id UNIQUE (id, user_id)",
            "agents uq_agents__user_id_bolna_agent_id UNIQUE (user_id, bolna_agent_id)",
            "calls calls_pkey PRIMARY KEY (id)",
            "calls uq_calls__bolna_execution_id UNIQUE (bolna_execution_id)",
            "calls uq_calls__id_user_id UNIQUE (id, user_id)",
            "contacts contacts_pkey PRIMARY KEY (id)",
            "contacts uq_contacts__user_id_phone_number UNIQUE (user_id, phone_number)",
            "contacts uq_contacts__id_user_id UNIQUE (id, user_id)",
            "call_campaigns call_campaigns_pkey PRIMARY KEY (id)",
            "call_campaigns uq_call_campaigns__id_user_id UNIQUE (id, user_id)",
            "call_queue call_queue_pkey PRIMARY KEY (id)",
            "call_queue uq_call_queue__campaign_id_contact_id UNIQUE (campaign_id, contact_id)",
            "call_queue uq_call_queue__id_user_id UNIQUE (id, user_id)",
            "transcripts transcripts_pkey PRIMARY KEY (id)",
            "lead_analytics lead_analytics_pkey PRIMARY KEY (id)",
            "credit_transactions credit_transactions_pkey PRIMARY KEY (id)",
            "agent_analytics agent_analytics_pkey PRIMARY KEY (id)",
            "agent_analytics uq_agent_analytics__agent_id_user_id_metric_date"
                + " UNIQUE (agent_id, user_id, metric_date)",
            // Ours.
            "system_config system_config_pkey PRIMARY KEY (key)",
            "webhook_events webhook_events_pkey PRIMARY KEY (id)",
            "call_attempts call_attempts_pkey PRIMARY KEY (id)",
            "call_attempts uq_call_attempts__attempt_key UNIQUE (attempt_key)",
            "call_attempts uq_call_attempts__bolna_execution_id UNIQUE (bolna_execution_id)",
            "call_requests call_requests_pkey PRIMARY KEY (workflow_id)",
            "do_not_call_numbers do_not_call_numbers_pkey PRIMARY KEY (id)",
            "kpi_changes kpi_changes_pkey PRIMARY KEY (id)",
            "call_activity call_activity_pkey PRIMARY KEY (user_id, bucket_start)",
            "sign_in_attempts sign_in_attempts_pkey PRIMARY KEY (key)",
            "outbox_mails outbox_mails_pkey PRIMARY KEY (id)",
            "mail_tokens mail_tokens_pkey PRIMARY KEY (id)",
            "mail_tokens uq_mail_tokens__token_hash UNIQUE (token_hash)",
            "dashboard_recounts dashboard_recounts_pkey PRIMARY KEY (id)");
  }

  @Test
  void foreignKeysReferenceTheSeedColumnsWithTheSeedDeleteRules() {
    List<String> actual =
        jdbc.queryForList(
            """
            SELECT c.conname || ': ' || c.conrelid::regclass || ' (' || cols.names || ') -> '
                   || c.confrelid::regclass || ' (' || refcols.names || ') ON DELETE '
                   || CASE c.confdeltype WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT'
                                         WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL'
                                         WHEN 'd' THEN 'SET DEFAULT' END
            FROM pg_constraint c
            CROSS JOIN LATERAL (
              SELECT string_agg(a.attname, ', ' ORDER BY k.ord) AS names
              FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) cols
            CROSS JOIN LATERAL (
              SELECT string_agg(a.attname, ', ' ORDER BY k.ord) AS names
              FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum) refcols
            WHERE c.connamespace = 'public'::regnamespace AND c.contype = 'f'
            """,
            String.class);

    assertThat(actual)
        .containsExactlyInAnyOrder(
            "fk_agents__user_id: agents (user_id) -> users (id) ON DELETE CASCADE",
            "fk_calls__agent_id: calls (agent_id) -> agents (id) ON DELETE CASCADE",
            "fk_calls__user_id: calls (user_id) -> users (id) ON DELETE CASCADE",
            "fk_calls__contact_id: calls (contact_id) -> contacts (id) ON DELETE SET NULL",
            "fk_calls__transcript_id: calls (transcript_id) -> transcripts (id) ON DELETE NO ACTION",
            "fk_calls__agent_id_user_id: calls (agent_id, user_id) -> agents (id, user_id)"
                + " ON DELETE NO ACTION",
            "fk_contacts__user_id: contacts (user_id) -> users (id) ON DELETE CASCADE",
            "fk_contacts__auto_created_from_call_id: contacts (auto_created_from_call_id)"
                + " -> calls (id) ON DELETE NO ACTION",
            "fk_call_campaigns__user_id: call_campaigns (user_id) -> users (id) ON DELETE CASCADE",
            "fk_call_campaigns__agent_id: call_campaigns (agent_id) -> agents (id)"
                + " ON DELETE RESTRICT",
            "fk_call_campaigns__agent_id_user_id: call_campaigns (agent_id, user_id)"
                + " -> agents (id, user_id) ON DELETE RESTRICT",
            "fk_call_queue__user_id: call_queue (user_id) -> users (id) ON DELETE CASCADE",
            "fk_call_queue__campaign_id: call_queue (campaign_id) -> call_campaigns (id)"
                + " ON DELETE CASCADE",
            "fk_call_queue__agent_id: call_queue (agent_id) -> agents (id) ON DELETE RESTRICT",
            "fk_call_queue__contact_id: call_queue (contact_id) -> contacts (id) ON DELETE CASCADE",
            "fk_call_queue__call_id: call_queue (call_id) -> calls (id) ON DELETE SET NULL",
            "fk_call_queue__campaign_id_user_id: call_queue (campaign_id, user_id)"
                + " -> call_campaigns (id, user_id) ON DELETE CASCADE",
            "fk_call_queue__agent_id_user_id: call_queue (agent_id, user_id)"
                + " -> agents (id, user_id) ON DELETE RESTRICT",
            "fk_call_queue__contact_id_user_id: call_queue (contact_id, user_id)"
                + " -> contacts (id, user_id) ON DELETE CASCADE",
            "fk_transcripts__call_id: transcripts (call_id) -> calls (id) ON DELETE CASCADE",
            "fk_lead_analytics__call_id: lead_analytics (call_id) -> calls (id) ON DELETE CASCADE",
            "fk_credit_transactions__user_id: credit_transactions (user_id) -> users (id)"
                + " ON DELETE CASCADE",
            "fk_credit_transactions__call_id: credit_transactions (call_id) -> calls (id)"
                + " ON DELETE SET NULL",
            "fk_credit_transactions__created_by: credit_transactions (created_by) -> users (id)"
                + " ON DELETE SET NULL",
            "fk_agent_analytics__agent_id: agent_analytics (agent_id) -> agents (id)"
                + " ON DELETE CASCADE",
            "fk_agent_analytics__user_id: agent_analytics (user_id) -> users (id)"
                + " ON DELETE CASCADE",
            // Ours.
            "fk_system_config__updated_by: system_config (updated_by) -> users (id)"
                + " ON DELETE SET NULL",
            "fk_call_attempts__user_id: call_attempts (user_id) -> users (id) ON DELETE CASCADE",
            "fk_calls__campaign_id: calls (campaign_id) -> call_campaigns (id) ON DELETE SET NULL",
            "fk_lead_analytics__user_id: lead_analytics (user_id) -> users (id) ON DELETE CASCADE",
            "fk_call_attempts__agent_id_user_id: call_attempts (agent_id, user_id)"
                + " -> agents (id, user_id) ON DELETE CASCADE",
            "fk_call_attempts__call_id: call_attempts (call_id) -> calls (id) ON DELETE SET NULL",
            "fk_call_requests__user_id: call_requests (user_id) -> users (id) ON DELETE CASCADE",
            "fk_call_requests__agent_id_user_id: call_requests (agent_id, user_id)"
                + " -> agents (id, user_id) ON DELETE CASCADE",
            "fk_call_requests__contact_id: call_requests (contact_id) -> contacts (id)"
                + " ON DELETE CASCADE",
            "fk_call_requests__call_id: call_requests (call_id) -> calls (id) ON DELETE SET NULL",
            "fk_do_not_call_numbers__user_id: do_not_call_numbers (user_id) -> users (id)"
                + " ON DELETE CASCADE",
            "fk_do_not_call_numbers__created_by: do_not_call_numbers (created_by) -> users (id)"
                + " ON DELETE SET NULL",
            "fk_call_activity__user_id: call_activity (user_id) -> users (id) ON DELETE CASCADE",
            "fk_outbox_mails__user_id: outbox_mails (user_id) -> users (id) ON DELETE CASCADE",
            "fk_mail_tokens__user_id: mail_tokens (user_id) -> users (id) ON DELETE CASCADE");
  }

  @Test
  void indexesAreExactlyTheSeedOnesWithTheirColumnsOrderingAndPredicates() {
    Map<String, String> actual =
        jdbc
            .queryForList(
                """
                SELECT indexname, indexdef FROM pg_indexes
                WHERE schemaname = 'public' AND tablename NOT LIKE 'databasechangelog%'
                  AND indexname NOT IN (SELECT conname FROM pg_constraint
                                        WHERE contype IN ('p', 'u'))
                """)
            .stream()
            .collect(
                Collectors.toMap(
                    row -> (String) row.get("indexname"), row -> (String) row.get("indexdef")));

    String queued = "((status)::text = 'queued'::text)";
    assertThat(actual)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                index("idx_agents_bolna_agent_id", "agents", "bolna_agent_id"),
                index("idx_agents_user_bolna", "agents", "user_id, bolna_agent_id"),
                index("idx_calls_bolna_execution_id", "calls", "bolna_execution_id"),
                index("idx_calls_user_id", "calls", "user_id"),
                index("idx_calls_agent_id", "calls", "agent_id"),
                index("idx_calls_status", "calls", "status"),
                index("idx_calls_created_at", "calls", "created_at"),
                index("idx_calls_source_user", "calls", "call_source, user_id"),
                index("idx_calls_lead_type", "calls", "lead_type"),
                index("idx_calls_duration_seconds", "calls", "duration_seconds"),
                index("idx_contacts_user_id", "contacts", "user_id"),
                index("idx_contacts_phone_number", "contacts", "phone_number"),
                index("idx_contacts_is_customer", "contacts", "is_customer"),
                index("idx_call_campaigns_user_id", "call_campaigns", "user_id"),
                index("idx_call_campaigns_status", "call_campaigns", "status"),
                index("idx_call_campaigns_agent_id", "call_campaigns", "agent_id"),
                partialIndex(
                    "idx_call_campaigns_start_date",
                    "call_campaigns",
                    "start_date",
                    "((status)::text = ANY ((ARRAY['scheduled'::character varying,"
                        + " 'active'::character varying])::text[]))"),
                index("idx_call_queue_user_status", "call_queue", "user_id, status"),
                index("idx_call_queue_campaign_status", "call_queue", "campaign_id, status"),
                partialIndex("idx_call_queue_scheduled_for", "call_queue", "scheduled_for", queued),
                partialIndex(
                    "idx_call_queue_priority_position",
                    "call_queue",
                    "user_id, priority DESC, \"position\"",
                    queued),
                partialIndex(
                    "idx_call_queue_round_robin",
                    "call_queue",
                    "user_id, last_system_allocation_at",
                    queued),
                index("idx_lead_analytics_call_id", "lead_analytics", "call_id"),
                index("idx_lead_analytics_is_read", "lead_analytics", "is_read"),
                Map.entry(
                    "idx_user_kpi_user_id",
                    "CREATE UNIQUE INDEX idx_user_kpi_user_id ON public.user_kpi"
                        + " USING btree (user_id)"),
                // Ours: the ledger's idempotency, one purchase per payment, one debit per call.
                Map.entry(
                    "uq_credit_transactions__idempotency_key",
                    "CREATE UNIQUE INDEX uq_credit_transactions__idempotency_key"
                        + " ON public.credit_transactions USING btree (idempotency_key)"
                        + " WHERE (idempotency_key IS NOT NULL)"),
                Map.entry(
                    "uq_credit_transactions__stripe_payment_id",
                    "CREATE UNIQUE INDEX uq_credit_transactions__stripe_payment_id"
                        + " ON public.credit_transactions USING btree (stripe_payment_id)"
                        + " WHERE ((stripe_payment_id IS NOT NULL)"
                        + " AND ((type)::text = 'purchase'::text))"),
                Map.entry(
                    "uq_credit_transactions__usage_call_id",
                    "CREATE UNIQUE INDEX uq_credit_transactions__usage_call_id"
                        + " ON public.credit_transactions USING btree (call_id)"
                        + " WHERE (((type)::text = 'usage'::text) AND (call_id IS NOT NULL))"),
                index("idx_contacts_user_created", "contacts", "user_id, created_at DESC, id DESC"),
                Map.entry(
                    "uq_lead_analytics__call_id",
                    "CREATE UNIQUE INDEX uq_lead_analytics__call_id ON public.lead_analytics"
                        + " USING btree (call_id)"),
                Map.entry(
                    "idx_webhook_events_unprocessed",
                    "CREATE INDEX idx_webhook_events_unprocessed ON public.webhook_events"
                        + " USING btree (received_at) WHERE (processed_at IS NULL)"),
                index(
                    "idx_webhook_events_execution_status",
                    "webhook_events",
                    "execution_id, status"),
                partialIndex(
                    "idx_webhook_events_signal_sent",
                    "webhook_events",
                    "execution_id, status",
                    "((outcome)::text = ANY ((ARRAY['signalling'::character varying,"
                        + " 'signalled'::character varying])::text[]))"),
                index(
                    "idx_credit_transactions_user_created",
                    "credit_transactions",
                    "user_id, created_at DESC, id DESC"),
                index("idx_call_attempts_created_at", "call_attempts", "created_at"),
                partialIndex(
                    "idx_call_attempts_placing",
                    "call_attempts",
                    "user_id",
                    "((status)::text = 'placing'::text)"),
                partialIndex(
                    "idx_call_queue_processing",
                    "call_queue",
                    "call_id, user_id",
                    "((status)::text = 'processing'::text)"),
                index("idx_calls_user_created", "calls", "user_id, created_at DESC, id DESC"),
                index(
                    "idx_agent_analytics_user_date_agent",
                    "agent_analytics",
                    "user_id, metric_date, agent_id"),
                Map.entry(
                    "idx_lead_analytics_user_created",
                    "CREATE INDEX idx_lead_analytics_user_created ON public.lead_analytics"
                        + " USING btree (user_id, created_at DESC, id DESC)"
                        + " INCLUDE (call_id, total_score)"),
                Map.entry(
                    "idx_calls_user_created_outcome",
                    "CREATE INDEX idx_calls_user_created_outcome ON public.calls"
                        + " USING btree (user_id, created_at)"
                        + " INCLUDE (outcome, duration_minutes, credits_used, agent_id, campaign_id,"
                        + " id)"),
                index("idx_calls_agent_created", "calls", "agent_id, created_at DESC, id DESC"),
                index(
                    "idx_call_queue_campaign_position", "call_queue", "campaign_id, \"position\""),
                partialIndex(
                    "idx_calls_campaign_created",
                    "calls",
                    "campaign_id, created_at DESC, id DESC",
                    "(campaign_id IS NOT NULL)"),
                index("idx_call_requests_status", "call_requests", "status, started_at"),
                partialIndex(
                    "idx_calls_user_unbilled",
                    "calls",
                    "user_id",
                    "((duration_seconds > 0) AND (credits_used = 0))"),
                partialIndex(
                    "idx_calls_user_in_progress",
                    "calls",
                    "user_id, created_at",
                    "((status)::text = 'in_progress'::text)"),
                partialIndex(
                    "idx_call_requests_user_queued",
                    "call_requests",
                    "user_id, scheduled_for",
                    queued),
                Map.entry(
                    "uq_do_not_call_numbers__user_id_phone_number",
                    "CREATE UNIQUE INDEX uq_do_not_call_numbers__user_id_phone_number"
                        + " ON public.do_not_call_numbers USING btree (user_id, phone_number)"
                        + " WHERE (user_id IS NOT NULL)"),
                Map.entry(
                    "uq_do_not_call_numbers__platform_phone_number",
                    "CREATE UNIQUE INDEX uq_do_not_call_numbers__platform_phone_number"
                        + " ON public.do_not_call_numbers USING btree (phone_number)"
                        + " WHERE (user_id IS NULL)"),
                partialIndex(
                    "idx_outbox_mails_due", "outbox_mails", "next_attempt_at", "(sent_at IS NULL)"),
                index("idx_outbox_mails_created", "outbox_mails", "created_at DESC, id DESC"),
                index("idx_outbox_mails_user_id", "outbox_mails", "user_id"),
                index(
                    "idx_mail_tokens_user_purpose",
                    "mail_tokens",
                    "user_id, purpose, created_at DESC")));
  }

  /** An index name with its expected {@code pg_indexes.indexdef}, as Postgres prints it. */
  private static Map.Entry<String, String> index(String name, String table, String columns) {
    return Map.entry(
        name, "CREATE INDEX " + name + " ON public." + table + " USING btree (" + columns + ")");
  }

  private static Map.Entry<String, String> partialIndex(
      String name, String table, String columns, String predicate) {
    Map.Entry<String, String> index = index(name, table, columns);
    return Map.entry(name, index.getValue() + " WHERE " + predicate);
  }

  // ---------------------------------------------------------------- checks

  static Stream<Arguments> rowsBreakingChecks() {
    return Stream.of(
        arguments("ck_users__credits_non_negative", "UPDATE users SET credits = -1"),
        arguments("ck_users__role", "UPDATE users SET role = 'owner'"),
        arguments("ck_users__auth_provider", "UPDATE users SET auth_provider = 'facebook'"),
        arguments(
            "ck_users__concurrent_calls_limit_range",
            "UPDATE users SET concurrent_calls_limit = 0"),
        arguments(
            "ck_users__concurrent_calls_limit_range",
            "UPDATE users SET concurrent_calls_limit = 101"),
        arguments(
            "ck_users__system_concurrent_calls_limit_range",
            "UPDATE users SET system_concurrent_calls_limit = 0"),
        arguments(
            "ck_users__system_concurrent_calls_limit_range",
            "UPDATE users SET system_concurrent_calls_limit = 1001"),
        arguments("ck_agents__agent_type", "UPDATE agents SET agent_type = 'sms'"),
        arguments("ck_calls__credits_used_non_negative", "UPDATE calls SET credits_used = -1"),
        arguments("ck_calls__call_source", "UPDATE calls SET call_source = 'sip'"),
        arguments("ck_calls__lead_type", "UPDATE calls SET lead_type = 'referral'"),
        arguments("ck_calls__status", "UPDATE calls SET status = 'ringing'"),
        arguments(
            "ck_contacts__auto_creation_source",
            "UPDATE contacts SET auto_creation_source = 'import'"),
        arguments("ck_call_campaigns__status", "UPDATE call_campaigns SET status = 'running'"),
        arguments("ck_call_queue__status", "UPDATE call_queue SET status = 'retrying'"),
        arguments(
            "ck_lead_analytics__intent_score_range",
            "UPDATE lead_analytics SET intent_score = 101"),
        arguments(
            "ck_lead_analytics__urgency_score_range",
            "UPDATE lead_analytics SET urgency_score = -1"),
        arguments(
            "ck_lead_analytics__budget_score_range",
            "UPDATE lead_analytics SET budget_score = 101"),
        arguments("ck_lead_analytics__fit_score_range", "UPDATE lead_analytics SET fit_score = -1"),
        arguments(
            "ck_lead_analytics__engagement_score_range",
            "UPDATE lead_analytics SET engagement_score = 101"),
        arguments(
            "ck_lead_analytics__total_score_range", "UPDATE lead_analytics SET total_score = -1"),
        arguments(
            "ck_credit_transactions__balance_after_non_negative",
            "UPDATE credit_transactions SET balance_after = -1"),
        arguments("ck_credit_transactions__type", "UPDATE credit_transactions SET type = 'gift'"),
        // Ours.
        arguments(
            "ck_system_config__system_concurrent_calls_limit",
            "UPDATE system_config SET value = '1001' WHERE key = 'system_concurrent_calls_limit'"),
        arguments(
            "ck_system_config__system_concurrent_calls_limit",
            "UPDATE system_config SET value = '\"ten\"' WHERE key = 'system_concurrent_calls_limit'"),
        arguments(
            "ck_call_campaigns__max_attempts_range", "UPDATE call_campaigns SET max_attempts = 0"),
        arguments(
            "ck_call_campaigns__retry_delay_minutes_range",
            "UPDATE call_campaigns SET retry_delay_minutes = 0"),
        arguments("ck_call_queue__attempts_non_negative", "UPDATE call_queue SET attempts = -1"),
        arguments(
            "ck_call_attempts__status",
            "INSERT INTO call_attempts (attempt_key, workflow_id, user_id, agent_id, phone_number,"
                + " status) VALUES ('k', 'w', :userA, :agentA, '+1', 'dialing')"),
        arguments(
            "ck_webhook_events__source",
            "INSERT INTO webhook_events (source, raw_body) VALUES ('twilio', 'x')"),
        arguments(
            "ck_webhook_events__payload_or_raw_body",
            "INSERT INTO webhook_events (execution_id) VALUES ('e')"),
        arguments(
            "ck_call_requests__status",
            "INSERT INTO call_requests (workflow_id, user_id, agent_id, phone_number, max_attempts,"
                + " retry_delay_seconds, status)"
                + " VALUES ('w', :userA, :agentA, '+1', 1, 60, 'dialing')"),
        arguments(
            "ck_do_not_call_numbers__source",
            "INSERT INTO do_not_call_numbers (phone_number, source) VALUES ('+14155550100', 'x')"),
        arguments(
            "ck_call_activity__quarter_hour",
            "INSERT INTO call_activity (user_id, bucket_start)"
                + " VALUES (:userA, '2026-11-20T10:05:00Z')"),
        arguments(
            "ck_call_activity__counts",
            "INSERT INTO call_activity (user_id, bucket_start, calls, answered)"
                + " VALUES (:userA, '2026-11-20T10:00:00Z', 2, 1)"),
        arguments(
            "ck_call_activity__counts",
            "INSERT INTO call_activity (user_id, bucket_start, calls, answered, scored_calls)"
                + " VALUES (:userA, '2026-11-20T10:00:00Z', 1, 1, 2)"),
        arguments(
            "ck_outbox_mails__kind",
            "INSERT INTO outbox_mails (to_address, subject, body, kind)"
                + " VALUES ('a@example.com', 's', 'b', 'newsletter')"),
        arguments(
            "ck_outbox_mails__attempts_non_negative",
            "INSERT INTO outbox_mails (to_address, subject, body, kind, attempts)"
                + " VALUES ('a@example.com', 's', 'b', 'password_reset', -1)"),
        arguments(
            "ck_mail_tokens__purpose",
            "INSERT INTO mail_tokens (user_id, purpose, token_hash, email, expires_at)"
                + " VALUES (:userA, 'login', 'h', 'a@example.com', now())"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("rowsBreakingChecks")
  void rowBreakingACheckIsRefused(String constraint, String sql) {
    assertThat(refusalOf(sql)).isEqualTo(new Refusal("23514", constraint));
  }

  @Test
  void everyCheckInTheSchemaIsExercisedByARefusedRow() {
    List<String> checks =
        jdbc.queryForList(
            "SELECT conname FROM pg_constraint"
                + " WHERE connamespace = 'public'::regnamespace AND contype = 'c'",
            String.class);

    assertThat(checks)
        .containsExactlyInAnyOrderElementsOf(
            rowsBreakingChecks().map(arguments -> (String) arguments.get()[0]).distinct().toList());
  }

  static Stream<Arguments> allowedValues() {
    return Stream.of(
            Stream.of("user", "admin", "super_admin").map(v -> arguments("users", "role", v)),
            Stream.of("email", "google", "linkedin", "github")
                .map(v -> arguments("users", "auth_provider", v)),
            Stream.of("call", "chat").map(v -> arguments("agents", "agent_type", v)),
            Stream.of("phone", "internet", "unknown")
                .map(v -> arguments("calls", "call_source", v)),
            Stream.of("inbound", "outbound").map(v -> arguments("calls", "lead_type", v)),
            // "unknown" is ours: a call whose end Bolna never told.
            Stream.of("completed", "failed", "in_progress", "cancelled", "unknown")
                .map(v -> arguments("calls", "status", v)),
            Stream.of("webhook", "manual")
                .map(v -> arguments("contacts", "auto_creation_source", v)),
            Stream.of("draft", "scheduled", "active", "paused", "completed", "cancelled")
                .map(v -> arguments("call_campaigns", "status", v)),
            Stream.of("queued", "processing", "completed", "failed", "cancelled", "skipped")
                .map(v -> arguments("call_queue", "status", v)),
            Stream.of("purchase", "usage", "bonus", "admin_adjustment", "refund")
                .map(v -> arguments("credit_transactions", "type", v)))
        .flatMap(s -> s);
  }

  @ParameterizedTest(name = "{0}.{1} = {2}")
  @MethodSource("allowedValues")
  void everySeedValueOfAStatusRoleTypeOrSourceColumnIsAccepted(
      String table, String column, String value) {
    inRolledBackTransaction(
        () ->
            assertThat(jdbc.update("UPDATE " + table + " SET " + column + " = ?", value))
                .isPositive());
  }

  // ---------------------------------------------------------------- keys

  static Stream<Arguments> rowsCrossingTenants() {
    return Stream.of(
        arguments(
            "fk_calls__agent_id_user_id",
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number)
            VALUES (:agentB, :userA, 'exec-cross', '+15550000009')"""),
        arguments(
            "fk_call_campaigns__agent_id_user_id",
            """
            INSERT INTO call_campaigns (user_id, name, agent_id, next_action,
                                        first_call_time, last_call_time, start_date)
            VALUES (:userA, 'Cross', :agentB, 'x', '09:00', '17:00', '2025-10-01')"""),
        arguments(
            "fk_call_queue__campaign_id_user_id",
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    position, scheduled_for)
            VALUES (:userA, :campaignB, :agentA, :contactA, '+15550000001', 2, now())"""),
        arguments(
            "fk_call_queue__agent_id_user_id",
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    position, scheduled_for)
            VALUES (:userA, :campaignA, :agentB, :contactA2, '+15550000002', 2, now())"""),
        arguments(
            "fk_call_queue__contact_id_user_id",
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    position, scheduled_for)
            VALUES (:userA, :campaignA, :agentA, :contactB, '+15550000003', 2, now())"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rowsCrossingTenants")
  void rowPointingAtAnotherTenantsRowIsRefusedByCompositeForeignKey(String constraint, String sql) {
    assertThat(refusalOf(sql)).isEqualTo(new Refusal("23503", constraint));
  }

  static Stream<Arguments> duplicateRows() {
    return Stream.of(
        arguments(
            "users_email_key",
            "INSERT INTO users (email, name) VALUES ('alice@example.com', 'Alice again')"),
        arguments(
            "users_stack_auth_user_id_key",
            "INSERT INTO users (email, name, stack_auth_user_id)"
                + " VALUES ('other@example.com', 'Other', 'stack-a')"),
        arguments(
            "uq_agents__user_id_bolna_agent_id",
            "INSERT INTO agents (user_id, bolna_agent_id, name) VALUES (:userA, 'bolna-a', 'Twin')"),
        arguments(
            "uq_calls__bolna_execution_id",
            "INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number)"
                + " VALUES (:agentA, :userA, 'exec-a', '+15550000001')"),
        arguments(
            "uq_contacts__user_id_phone_number",
            "INSERT INTO contacts (user_id, name, phone_number)"
                + " VALUES (:userA, 'Carol twin', '+15550000001')"),
        arguments(
            "uq_call_queue__campaign_id_contact_id",
            """
            INSERT INTO call_queue (user_id, campaign_id, agent_id, contact_id, phone_number,
                                    position, scheduled_for)
            VALUES (:userA, :campaignA, :agentA, :contactA, '+15550000001', 2, now())"""),
        arguments(
            "uq_agent_analytics__agent_id_user_id_metric_date",
            "INSERT INTO agent_analytics (agent_id, user_id, metric_date)"
                + " VALUES (:agentA, :userA, '2025-10-01')"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("duplicateRows")
  void duplicateIsRefusedByUniqueConstraint(String constraint, String sql) {
    assertThat(refusalOf(sql)).isEqualTo(new Refusal("23505", constraint));
  }

  @Test
  void samePhoneNumberMayBelongToContactsOfDifferentUsers() {
    inRolledBackTransaction(
        () ->
            assertThat(
                    update(
                        "INSERT INTO contacts (user_id, name, phone_number)"
                            + " VALUES (:userB, 'Carol for Bob', '+15550000001')"))
                .isOne());
  }

  // ---------------------------------------------------------------- delete rules

  @Test
  void deletingAUserDeletesEverythingTheyOwnAndNothingElse() {
    inRolledBackTransaction(
        () -> {
          Map<String, Long> rowsOfB = rowsPerTable(":userB");

          update("DELETE FROM users WHERE id = :userA");

          assertThat(rowsPerTable(":userA")).allSatisfy((table, rows) -> assertThat(rows).isZero());
          assertThat(rowsPerTable(":userB")).isEqualTo(rowsOfB);
          assertThat(count("SELECT count(*) FROM transcripts WHERE id = :transcriptA")).isZero();
          assertThat(count("SELECT count(*) FROM lead_analytics WHERE id = :leadA")).isZero();
        });
  }

  /** Rows per table that carry a user_id, for the user given as a named parameter. */
  private static Map<String, Long> rowsPerTable(String user) {
    return Stream.of(
            "agents",
            "contacts",
            "calls",
            "call_campaigns",
            "call_queue",
            "credit_transactions",
            "agent_analytics")
        .collect(
            Collectors.toMap(
                table -> table,
                table -> count("SELECT count(*) FROM " + table + " WHERE user_id = " + user)));
  }

  @Test
  void deletingAUserKeepsTheTransactionsTheyCreatedForOthers() {
    inRolledBackTransaction(
        () -> {
          update("DELETE FROM users WHERE id = :userB");

          assertThat(
                  named.queryForObject(
                      "SELECT created_by FROM credit_transactions WHERE id = :usageA",
                      FIXTURE_IDS,
                      UUID.class))
              .isNull();
        });
  }

  @Test
  void deletingAnAgentUsedByACampaignIsRefused() {
    Refusal refusal = refusalOf("DELETE FROM agents WHERE id = :agentA");

    assertThat(refusal.sqlState()).isEqualTo("23503");
    assertThat(refusal.constraint())
        .isIn("fk_call_campaigns__agent_id", "fk_call_campaigns__agent_id_user_id");
  }

  @Test
  void deletingAnAgentWithoutCampaignsDeletesItsCallsAndAnalytics() {
    inRolledBackTransaction(
        () -> {
          UUID agent = UUID.randomUUID();
          jdbc.update(
              "INSERT INTO agents (id, user_id, bolna_agent_id, name)"
                  + " VALUES (?, ?, 'bolna-spare', 'Spare')",
              agent,
              USER_A);
          jdbc.update(
              "INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number)"
                  + " VALUES (?, ?, 'exec-spare', '+15550000001')",
              agent,
              USER_A);
          jdbc.update(
              "INSERT INTO agent_analytics (agent_id, user_id) VALUES (?, ?)", agent, USER_A);

          jdbc.update("DELETE FROM agents WHERE id = ?", agent);

          assertThat(
                  jdbc.queryForObject(
                      "SELECT count(*) FROM calls WHERE agent_id = ?", Long.class, agent))
              .isZero();
          assertThat(
                  jdbc.queryForObject(
                      "SELECT count(*) FROM agent_analytics WHERE agent_id = ?", Long.class, agent))
              .isZero();
        });
  }

  @Test
  void deletingACallUnlinksItsQueueItemAndLedgerRowAndDeletesItsTranscriptAndScores() {
    inRolledBackTransaction(
        () -> {
          update("DELETE FROM calls WHERE id = :callA");

          assertThat(
                  named.queryForMap(
                      "SELECT call_id, status FROM call_queue WHERE id = :queueItemA", FIXTURE_IDS))
              .containsEntry("call_id", null)
              .containsEntry("status", "completed");
          assertThat(
                  count(
                      "SELECT count(*) FROM credit_transactions WHERE id = :usageA AND call_id IS NULL"))
              .isOne();
          assertThat(count("SELECT count(*) FROM transcripts WHERE id = :transcriptA")).isZero();
          assertThat(count("SELECT count(*) FROM lead_analytics WHERE id = :leadA")).isZero();
        });
  }

  @Test
  void deletingACallThatCreatedAContactIsRefused() {
    Refusal refusal =
        refusalOf(
            "UPDATE contacts SET auto_created_from_call_id = :callA WHERE id = :contactA2",
            "DELETE FROM calls WHERE id = :callA");

    assertThat(refusal).isEqualTo(new Refusal("23503", "fk_contacts__auto_created_from_call_id"));
  }

  @Test
  void deletingATranscriptItsCallStillPointsAtIsRefused() {
    assertThat(refusalOf("DELETE FROM transcripts WHERE id = :transcriptA"))
        .isEqualTo(new Refusal("23503", "fk_calls__transcript_id"));
  }

  @Test
  void deletingAContactUnlinksItsCallsAndDeletesItsQueueItems() {
    inRolledBackTransaction(
        () -> {
          update("DELETE FROM contacts WHERE id = :contactA");

          assertThat(count("SELECT count(*) FROM calls WHERE id = :callA AND contact_id IS NULL"))
              .isOne();
          assertThat(count("SELECT count(*) FROM call_queue WHERE id = :queueItemA")).isZero();
        });
  }

  @Test
  void deletingACampaignDeletesItsQueueItems() {
    inRolledBackTransaction(
        () -> {
          update("DELETE FROM call_campaigns WHERE id = :campaignA");

          assertThat(count("SELECT count(*) FROM call_queue WHERE campaign_id = :campaignA"))
              .isZero();
        });
  }

  // ---------------------------------------------------------------- user_kpi

  @Test
  void userKpiRefreshesConcurrentlyWithCountsCreditsAverageAndSuccessRate() {
    JdbcTemplate kpiDb = new JdbcTemplate(TestDatabase.freshDatabase());
    UUID busy = UUID.randomUUID();
    UUID idle = UUID.randomUUID();
    UUID agent = UUID.randomUUID();
    kpiDb.update(
        "INSERT INTO users (id, email, name) VALUES (?, 'busy@example.com', 'Busy'),"
            + " (?, 'idle@example.com', 'Idle')",
        busy,
        idle);
    kpiDb.update(
        "INSERT INTO agents (id, user_id, bolna_agent_id, name) VALUES"
            + " (?, ?, 'k1', 'One'), (gen_random_uuid(), ?, 'k2', 'Two')",
        agent,
        busy,
        busy);
    kpiDb.update(
        "INSERT INTO contacts (user_id, name, phone_number) VALUES"
            + " (?, 'a', '+1001'), (?, 'b', '+1002'), (?, 'c', '+1003')",
        busy,
        busy,
        busy);
    String call =
        "INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status,"
            + " duration_seconds, credits_used, created_at) VALUES (?, ?, ?, '+1001', ?, ?, ?, ?)";
    OffsetDateTime last = OffsetDateTime.parse("2025-10-09T12:00:00Z");
    kpiDb.update(call, agent, busy, "e1", "completed", 60, 1, last.minusHours(3));
    kpiDb.update(call, agent, busy, "e2", "completed", 91, 2, last.minusHours(2));
    kpiDb.update(call, agent, busy, "e3", "failed", 0, 0, last.minusHours(1));
    kpiDb.update(call, agent, busy, "e4", "in_progress", 0, 0, last);

    kpiDb.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY user_kpi");

    assertThat(kpiDb.queryForMap("SELECT * FROM user_kpi WHERE user_id = ?", busy))
        .containsEntry("total_calls", 4L)
        .containsEntry("completed_calls", 2L)
        .containsEntry("failed_calls", 1L)
        .containsEntry("total_credits_used", 3L)
        .containsEntry("total_agents", 2L)
        .containsEntry("total_contacts", 3L)
        .containsEntry("avg_call_duration_seconds", new BigDecimal("75.50"))
        .containsEntry("success_rate", new BigDecimal("50.00"))
        .containsKey("last_updated");
    assertThat(
            kpiDb.queryForObject(
                "SELECT last_call_at FROM user_kpi WHERE user_id = ?", OffsetDateTime.class, busy))
        .isEqualTo(last);
    assertThat(kpiDb.queryForMap("SELECT * FROM user_kpi WHERE user_id = ?", idle))
        .containsEntry("total_calls", 0L)
        .containsEntry("total_agents", 0L)
        .containsEntry("avg_call_duration_seconds", new BigDecimal("0.00"))
        .containsEntry("success_rate", new BigDecimal("0.00"))
        .containsEntry("last_call_at", null);

    kpiDb.update(call, agent, busy, "e5", "completed", 2, 1, last.plusHours(1));
    kpiDb.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY user_kpi");

    assertThat(kpiDb.queryForMap("SELECT * FROM user_kpi WHERE user_id = ?", busy))
        .containsEntry("total_calls", 5L)
        .containsEntry("completed_calls", 3L)
        .containsEntry("avg_call_duration_seconds", new BigDecimal("51.00"))
        .containsEntry("success_rate", new BigDecimal("60.00"));
  }

  // ---------------------------------------------------------------- helpers

  /** One row of {@value #SEED_COLUMNS} or {@value #OUR_COLUMNS}. */
  record ColumnSpec(String table, String column, String type, String nullable, String defaultExpr) {
    String describe() {
      return column + " | " + type + " | " + nullable + " | " + defaultExpr;
    }
  }

  /** The seed's columns, then the ones we add. */
  private static List<ColumnSpec> specifiedColumns() {
    return Stream.concat(columns(SEED_COLUMNS).stream(), columns(OUR_COLUMNS).stream()).toList();
  }

  private static List<ColumnSpec> columns(String resource) {
    try (InputStream in = SchemaIT.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(line -> line.split("\\s*\\|\\s*"))
          .map(cells -> new ColumnSpec(cells[0], cells[1], cells[2], cells[3], cells[4]))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Postgres's name for a type ({@code format_type}) in the words the seed uses. */
  private static String seedTypeName(String postgresType) {
    if (postgresType.startsWith("character varying")) {
      return "VARCHAR" + postgresType.substring("character varying".length());
    }
    if (postgresType.startsWith("numeric")) {
      return "DECIMAL" + postgresType.substring("numeric".length());
    }
    return switch (postgresType) {
      case "timestamp with time zone" -> "TIMESTAMPTZ";
      case "time without time zone" -> "TIME";
      default -> postgresType.toUpperCase(Locale.ROOT);
    };
  }

  /** A default as the seed writes it: Postgres adds a cast to every VARCHAR literal. */
  private static String normalizedDefault(String expression) {
    return expression == null ? "-" : expression.replace("::character varying", "");
  }

  private static int update(String sql) {
    return named.update(sql, FIXTURE_IDS);
  }

  private static long count(String sql) {
    return named.queryForObject(sql, FIXTURE_IDS, Long.class);
  }

  private static void inRolledBackTransaction(Runnable work) {
    transactions.executeWithoutResult(
        status -> {
          status.setRollbackOnly();
          work.run();
        });
  }

  /** How Postgres refused a statement. */
  record Refusal(String sqlState, String constraint) {}

  /** Runs the statements in one rolled-back transaction; the last one must be refused. */
  private static Refusal refusalOf(String... statements) {
    Throwable thrown =
        catchThrowable(
            () -> inRolledBackTransaction(() -> Stream.of(statements).forEach(SchemaIT::update)));

    assertThat(thrown)
        .as("refusal of %s", List.of(statements))
        .isInstanceOf(DataAccessException.class);
    Throwable cause = ((DataAccessException) thrown).getMostSpecificCause();
    assertThat(cause).isInstanceOf(PSQLException.class);
    PSQLException postgres = (PSQLException) cause;
    return new Refusal(postgres.getSQLState(), postgres.getServerErrorMessage().getConstraint());
  }
}
