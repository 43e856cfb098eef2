package dev.outdial.app.campaign;

import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
import static io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.activities.campaign.CampaignActivitiesImpl;
import dev.outdial.app.temporal.OutdialSearchAttributes;
import dev.outdial.app.temporal.WorkflowStatuses;
import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.workflows.campaign.CampaignProgress;
import dev.outdial.workflows.campaign.CampaignWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Campaign drafts, their queues and state changes, through the running app (simulator). */
class CampaignsIT extends ApiTestSupport {

  private static final WorkflowExecutionStatus RUNNING = WORKFLOW_EXECUTION_STATUS_RUNNING;
  private static final WorkflowExecutionStatus COMPLETED = WORKFLOW_EXECUTION_STATUS_COMPLETED;

  @Autowired private WorkflowClient temporal;

  private String agent(TestUser user) {
    var answer =
        api.post("/api/agents", user.token(), Map.of("name", "Campaigner", "prompt", "Sell"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json().path("id").asText();
  }

  private String contact(TestUser user, String name, String phone) {
    var answer =
        api.post("/api/contacts", user.token(), Map.of("name", name, "phone_number", phone));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    return answer.json().path("id").asText();
  }

  private Map<String, Object> campaign(String agentId) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Spring outreach");
    body.put("agent_id", agentId);
    body.put("next_action", "Book a demo");
    body.put("first_call_time", "09:00");
    body.put("last_call_time", "17:00");
    body.put("start_date", LocalDate.now().plusDays(1).toString());
    body.put("timezone", "America/New_York");
    return body;
  }

  /** The campaign's status as its workflow last read it. */
  private String workflowSees(String workflowId) {
    CampaignProgress progress =
        temporal.newWorkflowStub(CampaignWorkflow.class, workflowId).progress();
    return progress == null ? null : progress.status();
  }

  private WorkflowExecutionStatus workflowStatus(String workflowId) {
    return temporal
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getWorkflowExecutionInfo()
        .getStatus();
  }

  @Test
  void aDraftQueuesEveryContactInTheirOwnZoneAndSkipsThoseWhoAskedNotToBeCalled() {
    TestUser user = signup("campaigns");
    String agentId = agent(user);
    contact(user, "Ada", "+14155552671");
    contact(user, "Alan", "+442079460958");
    String declined = contact(user, "Nope", "+12125550111");
    jdbc.sql("UPDATE contacts SET do_not_call = true WHERE id = :id")
        .param("id", UUID.fromString(declined))
        .update();

    var created = api.post("/api/campaigns", user.token(), campaign(agentId));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode campaign = created.json();
    assertThat(campaign.path("status").asText()).isEqualTo("draft");
    assertThat(campaign.path("total_contacts").asInt()).isEqualTo(2);
    assertThat(campaign.path("max_attempts").asInt()).isEqualTo(2);
    assertThat(campaign.path("retry_on_voicemail").asBoolean(true)).isFalse();
    assertThat(campaign.hasNonNull("workflow_id")).isFalse();
    assertThat(campaign.hasNonNull("workflow_url")).isFalse();
    assertThat(campaign.path("progress_percentage").asDouble()).isZero();

    JsonNode queue =
        api.get("/api/campaigns/" + campaign.path("id").asText() + "/queue", user.token())
            .json()
            .path("items");
    assertThat(queue.size()).isEqualTo(3);
    JsonNode ada = find(queue, "Ada");
    assertThat(ada.path("timezone").asText()).isEqualTo("America/Los_Angeles");
    ZonedDateTime adaFirst =
        Instant.parse(ada.path("scheduled_for").asText()).atZone(ZoneId.of("America/Los_Angeles"));
    assertThat(adaFirst.getHour()).isEqualTo(9);
    assertThat(adaFirst.toLocalDate()).isEqualTo(LocalDate.now().plusDays(1));
    assertThat(find(queue, "Alan").path("timezone").asText()).isEqualTo("Europe/London");
    JsonNode nope = find(queue, "Nope");
    assertThat(nope.path("status").asText()).isEqualTo("skipped");
    assertThat(nope.path("failure_reason").asText()).contains("asked not to be called");
  }

  @Test
  void aLargeCampaignQueuesEveryContactInOrderAcrossWriteBatches() {
    TestUser user = signup("large");
    String agentId = agent(user);
    StringBuilder csv = new StringBuilder("name,phone_number,plan\n");
    for (int i = 0; i < 2_500; i++) {
      // Every tenth number is in London, the rest in New York.
      csv.append("Contact ")
          .append(i)
          .append(
              i % 10 == 9 ? String.format(",+4420794%05d", i) : String.format(",+1212555%04d", i))
          .append(",gold\n");
    }
    var imported =
        api.send(
            "POST",
            "/api/contacts/import",
            user.token(),
            csv.toString(),
            Map.of("Content-Type", "text/csv"));
    assertThat(imported.json().path("imported").asInt()).as(imported.body()).isEqualTo(2_500);

    var created = api.post("/api/campaigns", user.token(), campaign(agentId));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("total_contacts").asInt()).isEqualTo(2_500);
    Map<String, Object> queue =
        jdbc.sql(
                """
                SELECT count(*) AS items, count(DISTINCT position) AS positions,
                       min(position) AS first, max(position) AS last,
                       count(*) FILTER (WHERE timezone = 'Europe/London') AS london,
                       count(*) FILTER (WHERE user_data ->> 'plan' = 'gold'
                                          AND user_data ->> 'next_action' = 'Book a demo') AS data
                FROM call_queue WHERE campaign_id = :id
                """)
            .param("id", UUID.fromString(created.json().path("id").asText()))
            .query()
            .singleRow();
    assertThat(queue)
        .containsEntry("items", 2_500L)
        .containsEntry("positions", 2_500L)
        .containsEntry("first", 1)
        .containsEntry("last", 2_500)
        .containsEntry("london", 250L)
        .containsEntry("data", 2_500L);

    // The queue pages through in calling order, 500 items at a time.
    String queuePath = "/api/campaigns/" + created.json().path("id").asText() + "/queue";
    List<Integer> positions = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          api.get(
                  queuePath + "?limit=500" + (cursor == null ? "" : "&cursor=" + cursor),
                  user.token())
              .json();
      page.path("items").forEach(item -> positions.add(item.path("position").asInt()));
      cursor = page.hasNonNull("next_cursor") ? page.path("next_cursor").asText() : null;
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(5);
    assertThat(positions).hasSize(2_500).isSorted().doesNotHaveDuplicates();
    assertThat(api.get(queuePath + "?cursor=not-a-cursor", user.token()).status()).isEqualTo(400);

    // So does the list of campaigns, newest first.
    var second = api.post("/api/campaigns", user.token(), campaign(agentId));
    JsonNode firstPage = api.get("/api/campaigns?limit=1", user.token()).json();
    assertThat(firstPage.path("items").get(0).path("id").asText())
        .isEqualTo(second.json().path("id").asText());
    JsonNode secondPage =
        api.get(
                "/api/campaigns?limit=1&cursor=" + firstPage.path("next_cursor").asText(),
                user.token())
            .json();
    assertThat(secondPage.path("items").get(0).path("id").asText())
        .isEqualTo(created.json().path("id").asText());
    assertThat(secondPage.hasNonNull("next_cursor")).isFalse();
  }

  @Test
  void aCancelledDraftNeverGetsAWorkflow() {
    TestUser user = signup("draft-cancel");
    String agentId = agent(user);
    contact(user, "Ada", "+14155552671");
    String id =
        api.post("/api/campaigns", user.token(), campaign(agentId)).json().path("id").asText();

    var cancelled = api.post("/api/campaigns/" + id + "/cancel", user.token(), "");

    assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
    assertThat(WorkflowStatuses.of(temporal, "campaign-" + id)).isEmpty();
  }

  @Test
  void stateChangesFollowTheCampaignLifecycleAndImpossibleOnesAreConflicts() {
    TestUser user = signup("lifecycle");
    String agentId = agent(user);
    contact(user, "Ada", "+14155552671");
    String id =
        api.post("/api/campaigns", user.token(), campaign(agentId)).json().path("id").asText();

    assertThat(api.post("/api/campaigns/" + id + "/pause", user.token(), "").status())
        .isEqualTo(409);
    var started = api.post("/api/campaigns/" + id + "/start", user.token(), "");
    assertThat(started.json().path("status").asText()).isEqualTo("scheduled");
    String workflowId = started.json().path("workflow_id").asText();
    assertThat(workflowId).isEqualTo("campaign-" + id);
    // Operators follow it from the answer straight to Temporal Web UI.
    assertThat(started.json().path("workflow_url").asText())
        .isEqualTo(TEMPORAL_UI + "/namespaces/default/workflows/" + workflowId);
    await().untilAsserted(() -> assertThat(workflowStatus(workflowId)).isEqualTo(RUNNING));
    // Operators can find it by campaign in Temporal Web UI.
    assertThat(
            temporal
                .newUntypedWorkflowStub(workflowId)
                .describe()
                .getTypedSearchAttributes()
                .get(OutdialSearchAttributes.CAMPAIGN))
        .isEqualTo(id);
    assertThat(api.post("/api/campaigns/" + id + "/start", user.token(), "").status())
        .isEqualTo(409);
    // Each change reaches the running workflow at once, not at its next look a minute later.
    await().untilAsserted(() -> assertThat(workflowSees(workflowId)).isEqualTo("scheduled"));
    assertThat(
            api.post("/api/campaigns/" + id + "/pause", user.token(), "")
                .json()
                .path("status")
                .asText())
        .isEqualTo("paused");
    await().untilAsserted(() -> assertThat(workflowSees(workflowId)).isEqualTo("paused"));
    assertThat(
            api.post("/api/campaigns/" + id + "/resume", user.token(), "")
                .json()
                .path("status")
                .asText())
        .isEqualTo("scheduled");
    await().untilAsserted(() -> assertThat(workflowSees(workflowId)).isEqualTo("scheduled"));
    var cancelled = api.post("/api/campaigns/" + id + "/cancel", user.token(), "");
    assertThat(cancelled.json().path("status").asText()).isEqualTo("cancelled");
    assertThat(cancelled.json().path("completed_at").isTextual()).isTrue();
    // Nothing was being called, so the campaign's workflow ends with the cancel.
    await().untilAsserted(() -> assertThat(workflowStatus(workflowId)).isEqualTo(COMPLETED));
    assertThat(api.post("/api/campaigns/" + id + "/resume", user.token(), "").status())
        .isEqualTo(409);
    JsonNode queue = api.get("/api/campaigns/" + id + "/queue", user.token()).json().path("items");
    assertThat(queue.get(0).path("status").asText()).isEqualTo("cancelled");
  }

  @Test
  void aCampaignPausedForLackOfCreditsResumesAsSoonAsCreditsArrive() {
    TestUser user = signup("credits-wait");
    String agentId = agent(user);
    contact(user, "Ada", "+14155552671");
    String id =
        api.post("/api/campaigns", user.token(), campaign(agentId)).json().path("id").asText();
    String workflowId =
        api.post("/api/campaigns/" + id + "/start", user.token(), "")
            .json()
            .path("workflow_id")
            .asText();
    await().untilAsserted(() -> assertThat(workflowSees(workflowId)).isEqualTo("scheduled"));
    // As the workflow leaves it when the owner's credits run out mid-campaign.
    jdbc.sql("UPDATE users SET credits = 0 WHERE id = :id").param("id", user.id()).update();
    jdbc.sql(
            "UPDATE call_campaigns SET status = 'paused', paused_reason = :reason"
                + " WHERE id = :id::uuid")
        .param("reason", CampaignActivitiesImpl.NO_CREDITS)
        .param("id", id)
        .update();

    var granted =
        api.post(
            "/api/admin/users/" + user.id() + "/credits",
            superAdminToken(),
            Map.of("amount", 5, "description", "top-up"));

    assertThat(granted.status()).as(granted.body()).isEqualTo(200);
    // At once, not at the workflow's next look a minute later.
    await()
        .untilAsserted(
            () ->
                assertThat(
                        api.get("/api/campaigns/" + id, user.token())
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo("active"));
  }

  @Test
  void aCampaignStartingTodayIsActiveAtOnce() {
    TestUser user = signup("today");
    String agentId = agent(user);
    contact(user, "Ada", "+14155552671");
    Map<String, Object> body = campaign(agentId);
    body.put("start_date", LocalDate.now(ZoneId.of("UTC")).toString());
    body.put("timezone", "UTC");
    String id = api.post("/api/campaigns", user.token(), body).json().path("id").asText();

    var started = api.post("/api/campaigns/" + id + "/start", user.token(), "");

    assertThat(started.json().path("status").asText()).isEqualTo("active");
    assertThat(started.json().path("started_at").isTextual()).isTrue();
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsCreated() {
    TestUser user = signup("badcampaign");
    String agentId = agent(user);
    Map<String, Object> badZone = campaign(agentId);
    badZone.put("timezone", "Mars/Olympus");
    Map<String, Object> sameTimes = campaign(agentId);
    sameTimes.put("last_call_time", "09:00");
    Map<String, Object> missing = campaign(agentId);
    missing.remove("next_action");

    for (Map<String, Object> body : List.of(badZone, sameTimes, missing)) {
      var answer = api.post("/api/campaigns", user.token(), body);
      assertThat(answer.status()).as(answer.body()).isEqualTo(400);
      assertThat(answer.json().path("errors").size()).isPositive();
    }
    assertThat(api.get("/api/campaigns", user.token()).json().path("items").size()).isZero();
  }

  @Test
  void anotherTenantsCampaignAnswersNotFound() {
    TestUser owner = signup("owner");
    TestUser stranger = signup("stranger");
    String id =
        api.post("/api/campaigns", owner.token(), campaign(agent(owner)))
            .json()
            .path("id")
            .asText();

    assertThat(api.get("/api/campaigns/" + id, stranger.token()).status()).isEqualTo(404);
    assertThat(api.get("/api/campaigns/" + id + "/queue", stranger.token()).status())
        .isEqualTo(404);
    assertThat(api.post("/api/campaigns/" + id + "/start", stranger.token(), "").status())
        .isEqualTo(404);
    assertThat(api.post("/api/campaigns", stranger.token(), campaign(agent(owner))).status())
        .isEqualTo(404);
  }

  private static JsonNode find(JsonNode items, String name) {
    for (JsonNode item : items) {
      if (item.path("contact_name").asText().equals(name)) {
        return item;
      }
    }
    throw new AssertionError("no queue item for " + name);
  }
}
