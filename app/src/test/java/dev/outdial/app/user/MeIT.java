package dev.outdial.app.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.testing.ApiTestSupport;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeIT extends ApiTestSupport {

  @Test
  void theProfileFieldsCanBeChangedAndCleared() {
    TestUser user = signup("profile");

    var changed =
        api.patch(
            "/api/me",
            user.token(),
            Map.of("name", "Ada Lovelace", "company", "Analytical", "phone", "+44 20 7946 0000"));
    Map<String, Object> clear = new HashMap<>();
    clear.put("company", "");
    var cleared = api.patch("/api/me", user.token(), clear);

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().path("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(changed.json().path("company").asText()).isEqualTo("Analytical");
    assertThat(
            cleared.json().path("company").isMissingNode()
                || cleared.json().path("company").isNull())
        .isTrue();
    assertThat(cleared.json().path("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(cleared.json().path("phone").asText()).isEqualTo("+44 20 7946 0000");
  }

  @Test
  void credentialsRoleAndCreditsCannotBeChangedThroughTheProfile() {
    TestUser user = signup("sneaky");

    var answer =
        api.patch(
            "/api/me",
            user.token(),
            Map.of("credits", 9999, "role", "super_admin", "is_active", true, "name", "Sneaky"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().path("credits").asInt()).isEqualTo(15);
    assertThat(answer.json().path("role").asText()).isEqualTo("user");
    assertThat(credits(user.id())).isEqualTo(15);
  }

  @Test
  void aBlankNameIsRefusedNamingTheField() {
    TestUser user = signup("blank");

    var answer = api.patch("/api/me", user.token(), Map.of("name", "   "));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("name");
  }
}
