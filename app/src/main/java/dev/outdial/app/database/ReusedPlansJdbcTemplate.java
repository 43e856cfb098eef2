package dev.outdial.app.database;

import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;

/** A {@link JdbcTemplate} whose statements become server-side prepared once they are reused. */
class ReusedPlansJdbcTemplate extends JdbcTemplate {

  /** The driver's own default: a statement run once or twice is not worth preparing. */
  static final int EXECUTIONS_BEFORE_SERVER_PREPARE = 5;

  ReusedPlansJdbcTemplate(DataSource dataSource) {
    super(dataSource);
  }

  @Override
  protected void applyStatementSettings(Statement statement) throws SQLException {
    super.applyStatementSettings(statement);
    if (statement.isWrapperFor(PGStatement.class)) {
      statement.unwrap(PGStatement.class).setPrepareThreshold(EXECUTIONS_BEFORE_SERVER_PREPARE);
    }
  }
}
