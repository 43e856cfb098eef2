package dev.outdial.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.system.PlatformLimits;
import dev.outdial.app.testing.ApiClient.Answer;
import dev.outdial.app.testing.ApiTestSupport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AdminIT extends ApiTestSupport {

  /** Every admin path, called with the given token against the given user id. */
  private List<Answer> callEveryAdminPath(String token, UUID userId) {
    List<Answer> answers = new ArrayList<>();
    answers.add(api.get("/api/admin/users", token));
    answers.add(
        api.patch("/api/admin/users/" + userId, token, Map.of("concurrent_calls_limit", 3)));
    answers.add(
        api.post(
            "/api/admin/users/" + userId + "/credits",
            token,
            Map.of("amount", 5, "description", "x")));
    answers.add(api.get("/api/admin/system/limits", token));
    answers.add(
        api.put("/api/admin/system/limits", token, Map.of("system_concurrent_calls_limit", 10)));
    answers.add(api.get("/api/admin/system/quiet-hours", token));
    answers.add(
        api.put("/api/admin/system/quiet-hours", token, Map.of("start", "21:00", "end", "08:00")));
    return answers;
  }

  @Test
  void everyAdminPathIsForbiddenToAnOrdinaryUserAndUnauthorizedWithoutAToken() {
    TestUser user = signup("plain");
    TestUser other = signup("other");

    assertThat(callEveryAdminPath(user.token(), other.id()))
        .allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(403));
    assertThat(callEveryAdminPath(null, other.id()))
        .allSatisfy(answer -> assertThat(answer.status()).isEqualTo(401));
    assertThat(credits(other.id())).isEqualTo(15);
  }

  @Test
  void anAdminManagesUsersButNotPlatformLimitsOrRoles() {
    TestUser admin = admin();
    TestUser user = signup("managed");

    var limit =
        api.patch(
            "/api/admin/users/" + user.id(), admin.token(), Map.of("concurrent_calls_limit", 7));
    var readLimits = api.get("/api/admin/system/limits", admin.token());
    var setLimits =
        api.put(
            "/api/admin/system/limits", admin.token(), Map.of("system_concurrent_calls_limit", 50));
    var promote =
        api.patch("/api/admin/users/" + user.id(), admin.token(), Map.of("role", "admin"));

    assertThat(limit.status()).isEqualTo(200);
    assertThat(limit.json().path("concurrent_calls_limit").asInt()).isEqualTo(7);
    assertThat(readLimits.status()).isEqualTo(200);
    // What the platform enforces now, whatever another test set it to before.
    assertThat(readLimits.json().path("system_concurrent_calls_limit").asInt())
        .isEqualTo(
            jdbc.sql(
                    "SELECT (value #>> '{}')::int FROM system_config"
                        + " WHERE key = 'system_concurrent_calls_limit'")
                .query(Integer.class)
                .optional()
                .orElse(PlatformLimits.DEFAULT_SYSTEM_CONCURRENT_CALLS_LIMIT));
    assertThat(setLimits.status()).isEqualTo(403);
    assertThat(promote.status()).isEqualTo(403);
  }

  @Test
  void anAdminCannotTouchAnotherAdministratorsAccount() {
    TestUser admin = admin();
    TestUser otherAdmin = admin();

    var answer =
        api.patch("/api/admin/users/" + otherAdmin.id(), admin.token(), Map.of("is_active", false));

    assertThat(answer.status()).isEqualTo(403);
  }

  @Test
  void theConcurrentCallsLimitMustBeOneToOneHundred() {
    TestUser user = signup("limits");
    String root = superAdminToken();

    var zero =
        api.patch("/api/admin/users/" + user.id(), root, Map.of("concurrent_calls_limit", 0));
    var tooMany =
        api.patch("/api/admin/users/" + user.id(), root, Map.of("concurrent_calls_limit", 101));
    var hundred =
        api.patch("/api/admin/users/" + user.id(), root, Map.of("concurrent_calls_limit", 100));

    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.json().path("errors").get(0).path("field").asText())
        .isEqualTo("concurrent_calls_limit");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(hundred.status()).isEqualTo(200);
  }

  @Test
  void theSuperAdminSetsThePlatformLimitWithinOneToOneThousand() {
    String root = superAdminToken();

    var tooMany =
        api.put("/api/admin/system/limits", root, Map.of("system_concurrent_calls_limit", 1001));
    var set =
        api.put("/api/admin/system/limits", root, Map.of("system_concurrent_calls_limit", 25));
    var read = api.get("/api/admin/system/limits", root);
    api.put("/api/admin/system/limits", root, Map.of("system_concurrent_calls_limit", 10));

    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(set.status()).isEqualTo(200);
    assertThat(read.json().path("system_concurrent_calls_limit").asInt()).isEqualTo(25);
  }

  @Test
  void nobodyDemotesOrDeactivatesTheLastSuperAdmin() {
    String root = superAdminToken();
    UUID rootId = UUID.fromString(api.get("/api/me", root).json().path("id").asText());

    var demote = api.patch("/api/admin/users/" + rootId, root, Map.of("role", "admin"));
    var deactivate = api.patch("/api/admin/users/" + rootId, root, Map.of("is_active", false));

    assertThat(demote.status()).isEqualTo(409);
    assertThat(deactivate.status()).isEqualTo(409);
    assertThat(api.get("/api/me", root).json().path("role").asText()).isEqualTo("super_admin");
  }

  @Test
  void aSuperAdminGrantsAndRemovesAdminRoles() {
    String root = superAdminToken();
    TestUser user = signup("promoted");

    var grant = api.patch("/api/admin/users/" + user.id(), root, Map.of("role", "admin"));
    var asAdmin = api.get("/api/admin/users", user.token());
    var remove = api.patch("/api/admin/users/" + user.id(), root, Map.of("role", "user"));
    var afterRemoval = api.get("/api/admin/users", user.token());

    assertThat(grant.status()).isEqualTo(200);
    assertThat(asAdmin.status()).isEqualTo(200);
    assertThat(remove.status()).isEqualTo(200);
    assertThat(afterRemoval.status()).isEqualTo(403);
  }

  @Test
  void unknownUsersAndPathsThatAreNoIdAnswerNotFoundAndAMalformedIdBadRequest() {
    String root = superAdminToken();

    assertThat(
            api.patch("/api/admin/users/" + UUID.randomUUID(), root, Map.of("is_active", true))
                .status())
        .isEqualTo(404);
    var noId = api.patch("/api/admin/users/not-a-uuid", root, Map.of("is_active", true));
    assertThat(noId.status()).isEqualTo(404);
    assertThat(noId.header("Content-Type")).startsWith("application/problem+json");
    assertThat(api.patch("/api/admin/users/" + "g".repeat(36), root, Map.of()).status())
        .isEqualTo(404);
    assertThat(api.patch("/api/admin/users/" + "-".repeat(36), root, Map.of()).status())
        .as("36 characters of an id's alphabet that are no UUID")
        .isEqualTo(400);
  }

  @Test
  void creditAdjustmentsWriteAdminRowsNamingTheAdminAndNeverGoBelowZero() {
    TestUser admin = admin();
    TestUser user = signup("adjusted");

    var add =
        api.post(
            "/api/admin/users/" + user.id() + "/credits",
            admin.token(),
            Map.of("amount", 10, "description", "Goodwill"));
    var tooMuch =
        api.post(
            "/api/admin/users/" + user.id() + "/credits",
            admin.token(),
            Map.of("amount", -26, "description", "Too much"));
    var take =
        api.post(
            "/api/admin/users/" + user.id() + "/credits",
            admin.token(),
            Map.of("amount", -25, "description", "All of it"));

    assertThat(add.status()).isEqualTo(200);
    assertThat(add.json().path("balance_after").asInt()).isEqualTo(25);
    assertThat(tooMuch.status()).isEqualTo(409);
    assertThat(tooMuch.json().path("title").asText()).isEqualTo("Insufficient credits");
    assertThat(take.json().path("balance_after").asInt()).isZero();
    assertThat(credits(user.id())).isZero().isEqualTo(ledgerSum(user.id()));
    assertThat(
            jdbc.sql(
                    "SELECT created_by FROM credit_transactions"
                        + " WHERE user_id = :id AND type = 'admin_adjustment'")
                .param("id", user.id())
                .query(UUID.class)
                .list())
        .containsOnly(admin.id())
        .hasSize(2);
  }

  @Test
  void onlyASuperAdminAdjustsTheirOwnCreditsAndTheRowNamesThem() {
    TestUser admin = admin();
    String root = superAdminToken();
    UUID rootId = UUID.fromString(api.get("/api/me", root).json().path("id").asText());

    var bySelf =
        api.post(
            "/api/admin/users/" + admin.id() + "/credits",
            admin.token(),
            Map.of("amount", 1000, "description", "For me"));
    var byRootForSelf =
        api.post(
            "/api/admin/users/" + rootId + "/credits",
            root,
            Map.of("amount", 5, "description", "Test calls"));

    assertThat(bySelf.status()).isEqualTo(403);
    assertThat(bySelf.json().path("detail").asText()).contains("their own credits");
    assertThat(credits(admin.id())).isEqualTo(15);
    assertThat(byRootForSelf.status()).as(byRootForSelf.body()).isEqualTo(200);
    assertThat(
            jdbc.sql("SELECT created_by FROM credit_transactions WHERE id = CAST(:id AS uuid)")
                .param("id", byRootForSelf.json().path("transaction_id").asText())
                .query(UUID.class)
                .single())
        .isEqualTo(rootId);
  }

  @Test
  void aRepeatedAdjustmentWithTheSameIdempotencyKeyIsAppliedOnce() {
    TestUser user = signup("idem");
    String root = superAdminToken();

    for (int i = 0; i < 3; i++) {
      var answer =
          api.send(
              "POST",
              "/api/admin/users/" + user.id() + "/credits",
              root,
              Map.of("amount", 5, "description", "Once"),
              Map.of("Idempotency-Key", "adjust-once"));
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.json().path("balance_after").asInt()).isEqualTo(20);
    }
    assertThat(credits(user.id())).isEqualTo(20).isEqualTo(ledgerSum(user.id()));
  }

  @Test
  void usersAreFoundByAnyPartOfTheirEmailOrNameInAnyCase() {
    String root = superAdminToken();
    TestUser wanted = signup("Searchable_Zed");
    signup("someone-else");

    var byName = api.get("/api/admin/users?search=searchable_z", root).json().path("items");
    var byEmail =
        api.get("/api/admin/users?search=" + wanted.email().toUpperCase(), root)
            .json()
            .path("items");
    var wildcard = api.get("/api/admin/users?search=%25", root).json().path("items");

    assertThat(byName).hasSize(1);
    assertThat(byName.get(0).path("id").asText()).isEqualTo(wanted.id().toString());
    assertThat(byEmail).hasSize(1);
    assertThat(wildcard).as("% is a character to find, not a wildcard").isEmpty();
  }

  @Test
  void usersArePagedWithAStableCursor() {
    String root = superAdminToken();
    for (int i = 0; i < 3; i++) {
      signup("paged");
    }

    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      var answer =
          api.get("/api/admin/users?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), root);
      assertThat(answer.status()).isEqualTo(200);
      JsonNode items = answer.json().path("items");
      assertThat(items.size()).isLessThanOrEqualTo(2);
      items.forEach(item -> assertThat(seen.add(item.path("id").asText())).isTrue());
      cursor =
          answer.json().path("next_cursor").isTextual()
              ? answer.json().path("next_cursor").asText()
              : null;
      pages++;
    } while (cursor != null);

    int total = jdbc.sql("SELECT count(*) FROM users").query(Integer.class).single();
    assertThat(seen).hasSize(total);
    assertThat(pages).isGreaterThan(1);
    assertThat(api.get("/api/admin/users?limit=501", root).status()).isEqualTo(400);
    assertThat(api.get("/api/admin/users?cursor=garbage", root).status()).isEqualTo(400);
  }

  @Test
  void quietHoursAreReadByAdminsAndSetOnlyBySuperAdmins() {
    String root = superAdminToken();
    TestUser admin = admin();

    var defaults = api.get("/api/admin/system/quiet-hours", admin.token());
    var byAdmin =
        api.put(
            "/api/admin/system/quiet-hours",
            admin.token(),
            Map.of("start", "20:00", "end", "09:00"));
    var invalid =
        api.put("/api/admin/system/quiet-hours", root, Map.of("start", "25:00", "end", "09:00"));
    var set =
        api.put("/api/admin/system/quiet-hours", root, Map.of("start", "20:00", "end", "09:00"));
    var off = api.put("/api/admin/system/quiet-hours", root, Map.of("enabled", false));
    var restored =
        api.put("/api/admin/system/quiet-hours", root, Map.of("start", "21:00", "end", "08:00"));

    assertThat(defaults.json().path("start").asText()).isEqualTo("21:00");
    assertThat(defaults.json().path("end").asText()).isEqualTo("08:00");
    assertThat(byAdmin.status()).isEqualTo(403);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(set.json().path("start").asText()).isEqualTo("20:00");
    assertThat(off.json().path("enabled").asBoolean()).isFalse();
    assertThat(restored.json().path("enabled").asBoolean()).isTrue();
  }
}
