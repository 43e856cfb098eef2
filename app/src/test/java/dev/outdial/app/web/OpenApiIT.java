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

  @Test
  void theSpecNamesFieldsAsTheApiDoesAndDocumentsEveryProblemAnAnswerCanBe() {
    var spec = api.get("/v3/api-docs", null).json();
    var schemas = spec.path("components").path("schemas");
    var agents = spec.path("paths").path("/api/agents/{id}").path("patch");
    var signup = spec.path("paths").path("/api/auth/signup").path("post");

    assertThat(schemas.path("CreateCampaignRequest").path("properties").has("agent_id"))
        .as("snake_case, as Jackson writes and reads it")
        .isTrue();
    assertThat(
            schemas
                .path("CreateAgentRequest")
                .path("properties")
                .path("description")
                .path("nullable")
                .asBoolean())
        .as("an optional field may be null")
        .isTrue();
    assertThat(
            schemas
                .path("AgentView")
                .path("properties")
                .path("bolna_task_config")
                .path("additionalProperties")
                .asBoolean())
        .as("a map of any JSON")
        .isTrue();
    assertThat(
            schemas
                .path("CreateAgentRequest")
                .path("properties")
                .path("agent_type")
                .path("pattern")
                .asText())
        .isEqualTo("^(?:call|chat)$");
    assertThat(agents.path("responses").fieldNames())
        .toIterable()
        .contains("200", "400", "401", "403", "404", "409", "413", "415", "503");
    assertThat(
            agents
                .path("responses")
                .path("404")
                .path("content")
                .path("application/problem+json")
                .path("schema")
                .path("$ref")
                .asText())
        .isEqualTo("#/components/schemas/Problem");
    assertThat(schemas.path("Problem").path("properties").has("errors")).isTrue();
    assertThat(signup.path("security").isEmpty()).as("anyone may sign up").isTrue();
    assertThat(signup.path("responses").has("429")).isTrue();
    assertThat(spec.path("paths").path("/webhooks/bolna").path("post").path("security").toString())
        .contains("bolnaWebhookToken");
    assertThat(spec.path("paths").path("/api/calls").path("get").path("parameters").toString())
        .contains("\"maximum\":500");
    assertThat(spec.path("paths").fieldNames())
        .toIterable()
        .as("the simulator stands in for Bolna; it is not part of the API")
        .noneMatch(path -> path.startsWith("/simulator"));
  }
}
