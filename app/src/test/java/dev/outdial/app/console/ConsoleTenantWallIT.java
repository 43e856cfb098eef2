package dev.outdial.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.app.testing.ConsoleSession;
import dev.outdial.app.testing.TenantRows;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every console page that names a row answers another tenant with the "not found" page and changes
 * nothing, and a customer gets no administrator's page: the walls of the API, in the console.
 */
class ConsoleTenantWallIT extends ApiTestSupport {

  private static final String NOT_YOURS = "This page does not exist, or it is not yours";

  @Test
  void anotherTenantsRowsAreNotFoundOnEveryPageAndNoFormChangesThem() {
    TestUser owner = signup("wall-owner");
    TenantRows rows = TenantRows.of(api, jdbc, owner.token(), owner.id());
    TestUser intruder = signup("wall-intruder");
    ConsoleSession console = ConsoleSession.signIn(port, intruder.email(), intruder.password());

    for (String page :
        List.of(
            "/agents/" + rows.agent(),
            "/contacts/" + rows.contact(),
            "/campaigns/" + rows.campaign(),
            "/campaigns/" + rows.campaign() + "/queue",
            "/campaigns/" + rows.campaign() + "/analytics",
            "/campaigns/" + rows.campaign() + "/live",
            "/calls/" + rows.call())) {
      HttpResponse<String> answer = console.get(page);
      assertThat(answer.statusCode()).as(page).isEqualTo(404);
      assertThat(answer.body()).as(page).contains(NOT_YOURS).doesNotContain("Private");
    }

    Map<String, Map<String, String>> forms =
        Map.of(
            "/agents/" + rows.agent(), Map.of("name", "Taken over", "prompt", "Mine now"),
            "/agents/" + rows.agent() + "/delete", Map.of(),
            "/contacts/" + rows.contact(),
                Map.of("name", "Taken over", "phoneNumber", "+14155550143"),
            "/contacts/" + rows.contact() + "/delete", Map.of(),
            "/campaigns/" + rows.campaign() + "/start", Map.of(),
            "/campaigns/" + rows.campaign() + "/cancel", Map.of());
    forms.forEach(
        (path, fields) -> {
          HttpResponse<String> answer = console.post("/", path, fields);
          assertThat(answer.statusCode()).as(path).isEqualTo(404);
        });

    assertThat(api.get("/api/agents/" + rows.agent(), owner.token()).json().path("name").asText())
        .isEqualTo("Private agent");
    assertThat(
            api.get("/api/contacts/" + rows.contact(), owner.token()).json().path("name").asText())
        .isEqualTo("Private contact");
    assertThat(
            api.get("/api/campaigns/" + rows.campaign(), owner.token())
                .json()
                .path("status")
                .asText())
        .isEqualTo("draft");
  }

  @Test
  void aCustomerGetsNoAdministratorsPageAndNoAdministratorsForm() {
    TestUser customer = signup("wall-customer");
    TestUser other = signup("wall-other");
    ConsoleSession console = ConsoleSession.signIn(port, customer.email(), customer.password());

    for (String page : List.of("/admin", "/admin/users", "/admin/users/" + other.id())) {
      HttpResponse<String> answer = console.get(page);
      assertThat(answer.statusCode()).as(page).isEqualTo(403);
      assertThat(answer.body()).contains("You may not open this page");
    }
    HttpResponse<String> grant =
        console.post(
            "/",
            "/admin/users/" + customer.id() + "/credits",
            Map.of("amount", "1000", "description", "Free money"));
    assertThat(grant.statusCode()).isEqualTo(403);
    assertThat(credits(customer.id())).isEqualTo(15);
  }
}
