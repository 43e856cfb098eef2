package dev.outdial.activities.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.activities.testing.TestRows;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The queue of one-off calls, one request at a time through what may happen to it. */
class OneOffQueueIT {

  private static final Instant NOW = Instant.parse("2026-03-02T20:00:00Z");
  private static final String PHONE = "+14155550188";

  private JdbcClient jdbc;
  private OneOffQueue queue;
  private TestRows rows;
  private UUID user;
  private UUID agent;

  @BeforeEach
  void setUp() {
    jdbc = JdbcClient.create(TestDatabase.freshDatabase());
    queue = new OneOffQueue(jdbc);
    rows = new TestRows(jdbc);
    user = rows.user(15, 2);
    agent = rows.agent(user);
  }

  private String enqueued(String workflowId) {
    assertThat(
            queue.enqueue(
                workflowId, user, agent, null, PHONE, "{}", 3, 600, NOW.minusSeconds(5), null))
        .isTrue();
    return workflowId;
  }

  private Map<String, Object> request(String workflowId) {
    return jdbc.sql(
            """
            SELECT status, attempts, failure_reason, scheduled_for, started_at, completed_at,
                   ended_at, last_system_allocation_at, call_id, max_attempts, retry_delay_seconds,
                   user_data::text AS user_data
            FROM call_requests WHERE workflow_id = :id
            """)
        .param("id", workflowId)
        .query()
        .singleRow();
  }

  private UUID call(String status) {
    return jdbc.sql(
            """
            INSERT INTO calls (agent_id, user_id, bolna_execution_id, phone_number, status)
            VALUES (:a, :u, :exec, :p, :status) RETURNING id
            """)
        .param("a", agent)
        .param("u", user)
        .param("exec", "exec-" + UUID.randomUUID())
        .param("p", PHONE)
        .param("status", status)
        .query(UUID.class)
        .single();
  }

  @Test
  void aRequestIsQueuedOnceWithWhatItAskedFor() {
    assertThat(
            queue.enqueue(
                "call-1",
                user,
                agent,
                null,
                PHONE,
                "{\"plan\": \"gold\"}",
                2,
                900,
                NOW,
                "held for quiet hours"))
        .isTrue();
    assertThat(queue.enqueue("call-1", user, agent, null, "+14155550000", "{}", 1, 1, NOW, null))
        .as("the same workflow id again")
        .isFalse();

    assertThat(request("call-1"))
        .containsEntry("status", "queued")
        .containsEntry("attempts", 0)
        .containsEntry("max_attempts", 2)
        .containsEntry("retry_delay_seconds", 900)
        .containsEntry("scheduled_for", Timestamp.from(NOW))
        .containsEntry("failure_reason", "held for quiet hours")
        .containsEntry("user_data", "{\"plan\": \"gold\"}");
  }

  @Test
  void anAllocatedRequestIsBeingCalledOneAttemptMoreAndFollowsItsCall() {
    String id = enqueued("call-2");

    queue.allocate(id, NOW);
    UUID callId = call("in_progress");
    queue.linkCall(id, callId);

    assertThat(request(id))
        .containsEntry("status", "processing")
        .containsEntry("attempts", 1)
        .containsEntry("started_at", Timestamp.from(NOW))
        .containsEntry("last_system_allocation_at", Timestamp.from(NOW))
        .containsEntry("call_id", callId);
  }

  @Test
  void aRequestHeldBackIsDueLaterAndSaysWhy() {
    String id = enqueued("call-3");

    queue.dueAt(id, NOW.plusSeconds(3600), "quiet hours in America/New_York");

    assertThat(request(id))
        .containsEntry("status", "queued")
        .containsEntry("scheduled_for", Timestamp.from(NOW.plusSeconds(3600)))
        .containsEntry("failure_reason", "quiet hours in America/New_York");
  }

  @Test
  void aSlotGivenBackCostsNoAttemptAndNeverMovesTheRequestEarlier() {
    String id = enqueued("call-4");
    queue.allocate(id, NOW);

    queue.giveBack(id, NOW.plusSeconds(60), "the account has 2 calls in progress");

    assertThat(request(id))
        .containsEntry("status", "queued")
        .containsEntry("attempts", 0)
        .containsEntry("started_at", null)
        .containsEntry("scheduled_for", Timestamp.from(NOW.plusSeconds(60)))
        .containsEntry("failure_reason", "the account has 2 calls in progress");

    queue.allocate(id, NOW);
    queue.giveBack(id, Instant.EPOCH, "again");
    assertThat(request(id))
        .containsEntry("scheduled_for", Timestamp.from(NOW.plusSeconds(60)))
        .containsEntry("attempts", 0);

    // Only a request being called has a slot to give back.
    queue.giveBack(id, NOW.plusSeconds(7200), "not processing");
    assertThat(request(id)).containsEntry("failure_reason", "again");
  }

  @Test
  void aSecondAttemptGivenBackKeepsTheFirst() {
    String id = enqueued("call-5");
    queue.allocate(id, NOW);
    jdbc.sql("UPDATE call_requests SET status = 'queued' WHERE workflow_id = :id")
        .param("id", id)
        .update();
    queue.allocate(id, NOW);

    queue.giveBack(id, NOW, "paced");

    assertThat(request(id)).containsEntry("attempts", 1);
  }

  @Test
  void aRequestClosesOnlyWhileItWaitsOrIsBeingCalled() {
    String waiting = enqueued("call-6");
    String calling = enqueued("call-7");
    String done = enqueued("call-8");
    queue.allocate(calling, NOW);
    jdbc.sql("UPDATE call_requests SET status = 'completed' WHERE workflow_id = :id")
        .param("id", done)
        .update();

    queue.close(waiting, "skipped", "on the do-not-call list");
    queue.close(calling, "cancelled", "cancelled by the user");
    queue.close(done, "skipped", "too late");

    assertThat(request(waiting))
        .containsEntry("status", "skipped")
        .containsEntry("failure_reason", "on the do-not-call list");
    assertThat(request(waiting).get("completed_at")).isNotNull();
    assertThat(request(waiting).get("ended_at")).isNotNull();
    assertThat(request(calling)).containsEntry("status", "cancelled");
    assertThat(request(done))
        .containsEntry("status", "completed")
        .containsEntry("failure_reason", null)
        .containsEntry("ended_at", null);
  }

  @Test
  void theLastAttemptsEndFinishesTheRequest() {
    String answered = enqueued("call-9");
    String unanswered = enqueued("call-10");
    queue.allocate(answered, NOW);
    queue.allocate(unanswered, NOW);
    UUID answeredCall = call("completed");
    UUID unansweredCall = call("failed");
    queue.linkCall(answered, answeredCall);
    queue.linkCall(unanswered, unansweredCall);

    queue.finish(answeredCall, true, "ignored");
    queue.finish(unansweredCall, false, "busy");

    assertThat(request(answered))
        .containsEntry("status", "completed")
        .containsEntry("failure_reason", null);
    assertThat(request(answered).get("completed_at")).isNotNull();
    assertThat(request(unanswered))
        .containsEntry("status", "failed")
        .containsEntry("failure_reason", "busy");

    // Finished once: a repeat changes nothing.
    queue.finish(unansweredCall, true, null);
    assertThat(request(unanswered)).containsEntry("status", "failed");
  }

  @Test
  void anUnansweredAttemptWithAttemptsLeftIsDueAfterTheRetryDelay() {
    String id = enqueued("call-11");
    queue.allocate(id, NOW);
    UUID callId = call("failed");
    queue.linkCall(id, callId);

    queue.retryLater(callId, NOW, "no-answer");

    assertThat(request(id))
        .containsEntry("status", "queued")
        .containsEntry("attempts", 1)
        .containsEntry("started_at", null)
        .containsEntry("failure_reason", "no-answer")
        .containsEntry("scheduled_for", Timestamp.from(NOW.plusSeconds(600)));
  }

  @Test
  void aRequestWhoseWorkflowEndedIsOverWithWhatItsCallBecame() {
    String answered = enqueued("call-12");
    String noCall = enqueued("call-13");
    String waiting = enqueued("call-14");
    String skipped = enqueued("call-15");
    queue.allocate(answered, NOW);
    queue.linkCall(answered, call("completed"));
    queue.allocate(noCall, NOW);
    queue.close(skipped, "skipped", "on the list");

    for (String id : new String[] {answered, noCall, waiting, skipped}) {
      queue.workflowEnded(id);
    }

    assertThat(request(answered)).containsEntry("status", "completed");
    assertThat(request(answered).get("ended_at")).isNotNull();
    assertThat(request(noCall)).containsEntry("status", "failed");
    assertThat(request(noCall).get("completed_at")).isNotNull();
    assertThat(request(waiting))
        .as("back in its queue, not over")
        .containsEntry("status", "queued")
        .containsEntry("ended_at", null);
    assertThat(request(skipped)).containsEntry("status", "skipped");

    Object ended = request(noCall).get("ended_at");
    queue.workflowEnded(noCall);
    assertThat(request(noCall).get("ended_at")).as("ended once").isEqualTo(ended);
  }

  @Test
  void aNumberPutOnADoNotCallListClosesTheQueuedRequestsToIt() {
    UUID other = rows.user(15, 2);
    UUID otherAgent = rows.agent(other);
    String mine = enqueued("call-16");
    String calling = enqueued("call-17");
    queue.allocate(calling, NOW);
    queue.enqueue("call-18", other, otherAgent, null, PHONE, "{}", 1, 60, NOW, null);
    queue.enqueue("call-19", user, agent, null, "+14155550199", "{}", 1, 60, NOW, null);

    assertThat(queue.skipQueuedTo(PHONE, user, "on the account's list")).isEqualTo(1);
    assertThat(request(mine))
        .containsEntry("status", "skipped")
        .containsEntry("failure_reason", "on the account's list");
    assertThat(request(calling)).containsEntry("status", "processing");
    assertThat(request("call-18")).containsEntry("status", "queued");
    assertThat(request("call-19")).containsEntry("status", "queued");

    assertThat(queue.skipQueuedTo(PHONE, null, "on the platform's list")).isEqualTo(1);
    assertThat(request("call-18")).containsEntry("status", "skipped");
    assertThat(request(mine).get("ended_at")).isNotNull();
  }
}
