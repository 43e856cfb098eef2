package dev.outdial.app.embedded;

import com.zaxxer.hikari.HikariDataSource;
import dev.outdial.app.bolna.BolnaGateway;
import dev.outdial.app.mail.MailDelivery;
import dev.outdial.app.temporal.EmbeddedTemporal;
import dev.outdial.app.temporal.TemporalConnection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at start which parts run embedded and where the real ones are configured. */
@Component
class StartupReport {

  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  private final ObjectProvider<EmbeddedPostgres> embeddedPostgres;
  private final DataSource dataSource;
  private final TemporalConnection temporal;
  private final ObjectProvider<EmbeddedTemporal> embeddedTemporal;
  private final BolnaGateway bolna;
  private final MailDelivery mail;

  StartupReport(
      ObjectProvider<EmbeddedPostgres> embeddedPostgres,
      DataSource dataSource,
      TemporalConnection temporal,
      ObjectProvider<EmbeddedTemporal> embeddedTemporal,
      BolnaGateway bolna,
      MailDelivery mail) {
    this.mail = mail;
    this.embeddedPostgres = embeddedPostgres;
    this.embeddedTemporal = embeddedTemporal;
    this.dataSource = dataSource;
    this.temporal = temporal;
    this.bolna = bolna;
  }

  @EventListener(ApplicationReadyEvent.class)
  void report() {
    log.info("Outdial is up. {}", describe());
  }

  String describe() {
    return postgres() + "; " + temporal() + "; Bolna: " + bolna.describe() + "; " + mail() + ".";
  }

  private String mail() {
    String verification =
        "email verification " + (mail.verificationRequired() ? "required" : "optional");
    if (mail.smtp()) {
      return "Mail: SMTP, " + verification;
    }
    return "Mail: KEPT IN THE OUTBOX (no SMTP; set SPRING_MAIL_HOST to send), a super_admin reads"
        + " it at /admin/outbox and GET /api/admin/outbox, "
        + verification;
  }

  private String postgres() {
    EmbeddedPostgres embedded = embeddedPostgres.getIfAvailable();
    if (embedded != null) {
      return "Postgres: EMBEDDED (zonky) on localhost:"
          + embedded.getPort()
          + ", set SPRING_DATASOURCE_URL for a real one";
    }
    String url =
        dataSource instanceof HikariDataSource hikari ? hikari.getJdbcUrl() : "a configured URL";
    return "Postgres: real, " + url;
  }

  private String temporal() {
    EmbeddedTemporal embedded = embeddedTemporal.getIfAvailable();
    if (embedded != null) {
      return "Temporal: EMBEDDED "
          + embedded.description()
          + ", set OUTDIAL_TEMPORAL_TARGET for a real one";
    }
    return "Temporal: real, "
        + temporal.target()
        + " namespace "
        + temporal.namespace()
        + (temporal.uiUrl().isBlank() ? "" : ", Web UI at " + temporal.uiUrl());
  }
}
