package dev.outdial.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiTestSupport;
import org.junit.jupiter.api.Test;

class OpenApiIT extends ApiTestSupport {

  @Test
  void theApiIsDescribedWithTheBearerSchemeAndTheUiIsServed() {
    var docs = api.get("/v3/api-docs", null);
    var ui = api.get("/swagger-ui/index.html", null);

    assertThat(docs.status()).isEqualTo(200);
    assertThat(
            docs.json()
                .path("components")
                .path("securitySchemes")
                .path("bearer")
                .path("scheme")
                .asText())
        .isEqualTo("bearer");
    assertThat(docs.json().path("paths").has("/api/auth/signup")).isTrue();
    assertThat(docs.json().path("paths").has("/api/admin/users/{id}/credits")).isTrue();
    assertThat(docs.json().path("paths").fieldNames())
        .toIterable()
        .contains(
            "/api/dashboard/kpis",
            "/api/admin/kpis",
            "/api/dashboard/agents",
            "/api/dashboard/calls-per-day",
            "/api/campaigns/{id}/analytics",
            "/api/admin/analytics/rebuild",
            "/api/calls/export.csv",
            "/api/leads/export.csv",
            "/api/contacts/export.csv");
    assertThat(docs.json().path("paths").fieldNames())
        .toIterable()
        .as("the console's pages are not API operations")
        .doesNotContain("/", "/login", "/signup", "/profile", "/live-calls");
    assertThat(ui.status()).isEqualTo(200);
  }
}
