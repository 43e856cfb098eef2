package dev.outdial.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The start log's summary on the embedded defaults. */
class StartupReportIT extends ApiTestSupport {

  @Autowired StartupReport report;

  @Test
  void theStartLogSaysMailsAreKeptInTheOutboxAndWhereToReadThem() {
    assertThat(report.describe())
        .contains("Postgres: EMBEDDED")
        .contains("Mail: KEPT IN THE OUTBOX (no SMTP; set SPRING_MAIL_HOST to send)")
        .contains("/admin/outbox")
        .contains("GET /api/admin/outbox")
        .contains("email verification optional");
  }
}
