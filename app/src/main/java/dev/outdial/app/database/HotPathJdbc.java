package dev.outdial.app.database;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The statements of the calling path (the gate, placing, finalizing, billing and scoring calls, the
 * dispatcher, the campaign review, webhook processing), run with plans Postgres may keep.
 *
 * <p>Every other statement is planned with its own values ({@code prepareThreshold: 0}): the lists
 * and dashboards filter optionally and by ranges, which a generic plan reads badly. The calling
 * path runs the same short statements thousands of times a minute, and planning them anew each time
 * was a third of Postgres's CPU per call. Here the driver prepares a statement on the server after
 * {@link ReusedPlansJdbcTemplate#EXECUTIONS_BEFORE_SERVER_PREPARE} runs on a connection, and
 * Postgres keeps a generic plan only where it costs no more than planning each run.
 */
public record HotPathJdbc(JdbcClient jdbc) {}
