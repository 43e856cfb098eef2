package dev.outdial.app.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.testing.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContactsIT extends ApiTestSupport {

  private JsonNode create(TestUser user, Map<String, Object> body) {
    var answer = api.post("/api/contacts", user.token(), body);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json();
  }

  @Test
  void aContactIsStoredWithItsNumberInE164() {
    TestUser user = signup("contacts");

    JsonNode contact =
        create(
            user,
            Map.of(
                "name", "Grace Hopper",
                "phone_number", "(415) 555-2671",
                "default_region", "US",
                "email", "grace@example.com",
                "user_data", Map.of("plan", "gold")));
    var fetched = api.get("/api/contacts/" + contact.path("id").asText(), user.token());

    assertThat(contact.path("phone_number").asText()).isEqualTo("+14155552671");
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(fetched.json().path("name").asText()).isEqualTo("Grace Hopper");
    assertThat(fetched.json().path("user_data").path("plan").asText()).isEqualTo("gold");
    assertThat(fetched.json().path("is_customer").asBoolean()).isFalse();
  }

  @Test
  void theDoNotCallFlagIsShownAndSetOrClearedByPatch() {
    TestUser user = signup("flagged");
    JsonNode contact = create(user, Map.of("name", "Ada", "phone_number", "+14155552671"));
    String path = "/api/contacts/" + contact.path("id").asText();

    var flagged = api.patch(path, user.token(), Map.of("do_not_call", true));
    var renamed = api.patch(path, user.token(), Map.of("name", "Ada King"));

    assertThat(contact.path("do_not_call").asBoolean(true)).isFalse();
    assertThat(flagged.json().path("do_not_call").asBoolean()).isTrue();
    assertThat(renamed.json().path("do_not_call").asBoolean()).isTrue();
    var cleared = api.patch(path, user.token(), Map.of("do_not_call", false));
    assertThat(cleared.json().path("do_not_call").asBoolean(true)).isFalse();
  }

  @Test
  void anInvalidNumberIsABadRequestNamingTheField() {
    TestUser user = signup("invalid");

    var national =
        api.post(
            "/api/contacts", user.token(), Map.of("name", "X", "phone_number", "(415) 555-2671"));
    var garbage =
        api.post("/api/contacts", user.token(), Map.of("name", "X", "phone_number", "12"));

    assertThat(national.status()).isEqualTo(400);
    assertThat(national.json().path("errors").get(0).path("field").asText())
        .isEqualTo("phone_number");
    assertThat(national.json().path("errors").get(0).path("message").asText())
        .contains("country code");
    assertThat(garbage.status()).isEqualTo(400);
  }

  @Test
  void theSameNumberTwiceForOneUserIsAConflictButAnotherUserMayHaveIt() {
    TestUser user = signup("dupes");
    TestUser other = signup("dupes-other");
    create(user, Map.of("name", "A", "phone_number", "+14155552671"));

    var again =
        api.post(
            "/api/contacts", user.token(), Map.of("name", "B", "phone_number", "+1 415-555-2671"));
    var otherUser =
        api.post(
            "/api/contacts", other.token(), Map.of("name", "A", "phone_number", "+14155552671"));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("detail").asText()).contains("+14155552671");
    assertThat(otherUser.status()).isEqualTo(201);
  }

  @Test
  void contactsArePatchedAndDeleted() {
    TestUser user = signup("patch");
    String id =
        create(user, Map.of("name", "A", "phone_number", "+14155552671", "company", "Acme"))
            .path("id")
            .asText();

    var patched =
        api.patch(
            "/api/contacts/" + id,
            user.token(),
            Map.of(
                "phone_number",
                "020 7946 0958",
                "default_region",
                "GB",
                "company",
                "",
                "is_customer",
                true));
    var deleted = api.delete("/api/contacts/" + id, user.token());
    var gone = api.get("/api/contacts/" + id, user.token());

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().path("phone_number").asText()).isEqualTo("+442079460958");
    assertThat(patched.json().path("company").isMissingNode()).isTrue();
    assertThat(patched.json().path("is_customer").asBoolean()).isTrue();
    assertThat(deleted.status()).isEqualTo(204);
    assertThat(gone.status()).isEqualTo(404);
  }

  @Test
  void anotherTenantsContactAnswersNotFoundOnEveryPath() {
    TestUser owner = signup("owner");
    TestUser stranger = signup("stranger");
    String id =
        create(owner, Map.of("name", "Mine", "phone_number", "+14155552671")).path("id").asText();

    assertThat(api.get("/api/contacts/" + id, stranger.token()).status()).isEqualTo(404);
    assertThat(
            api.patch("/api/contacts/" + id, stranger.token(), Map.of("name", "Stolen")).status())
        .isEqualTo(404);
    assertThat(api.delete("/api/contacts/" + id, stranger.token()).status()).isEqualTo(404);
    assertThat(api.get("/api/contacts", stranger.token()).json().path("items").size()).isZero();
    assertThat(api.get("/api/contacts/" + id, owner.token()).json().path("name").asText())
        .isEqualTo("Mine");
    assertThat(api.get("/api/contacts/" + UUID.randomUUID(), owner.token()).status())
        .isEqualTo(404);
  }

  @Test
  void searchMatchesNameNumberEmailOrCompanyAndFiltersCustomers() {
    TestUser user = signup("search");
    create(
        user,
        Map.of("name", "Alan Turing", "phone_number", "+442079460958", "company", "Bletchley"));
    create(
        user,
        Map.of(
            "name",
            "Ada King",
            "phone_number",
            "+14155552671",
            "email",
            "ada@analytical.org",
            "is_customer",
            true));
    create(user, Map.of("name", "Edsger 100%", "phone_number", "+919876543210"));

    assertThat(names(user, "search=turing")).containsExactly("Alan Turing");
    assertThat(names(user, "search=bletch")).containsExactly("Alan Turing");
    assertThat(names(user, "search=analytical")).containsExactly("Ada King");
    assertThat(names(user, "search=%2B9198")).containsExactly("Edsger 100%");
    assertThat(names(user, "search=100%25")).containsExactly("Edsger 100%");
    assertThat(names(user, "search=%25")).containsExactly("Edsger 100%");
    assertThat(names(user, "is_customer=true")).containsExactly("Ada King");
  }

  @Test
  void pagesAreStableWhileContactsAreAdded() {
    TestUser user = signup("pages");
    for (int i = 0; i < 5; i++) {
      create(user, Map.of("name", "C" + i, "phone_number", "+1415555267" + i));
    }

    var first = api.get("/api/contacts?limit=2", user.token());
    create(user, Map.of("name", "Newcomer", "phone_number", "+14155552679"));
    List<String> rest = new ArrayList<>();
    String cursor = first.json().path("next_cursor").asText();
    while (cursor != null) {
      var page = api.get("/api/contacts?limit=2&cursor=" + cursor, user.token());
      page.json().path("items").forEach(item -> rest.add(item.path("name").asText()));
      cursor =
          page.json().path("next_cursor").isTextual()
              ? page.json().path("next_cursor").asText()
              : null;
    }

    assertThat(first.json().path("items").size()).isEqualTo(2);
    assertThat(rest).hasSize(3).doesNotContain("Newcomer");
  }

  private List<String> names(TestUser user, String query) {
    List<String> names = new ArrayList<>();
    api.get("/api/contacts?" + query, user.token())
        .json()
        .path("items")
        .forEach(item -> names.add(item.path("name").asText()));
    return names;
  }
}
