package dev.outdial.app.bolna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.outdial.activities.testing.TestDatabase;
import dev.outdial.app.bolna.WebhookInboxRepository.NewDelivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deliveries stored many to a statement, on a real inbox. */
class WebhookInboxWriterTest {

  private final ExecutorService requests = Executors.newFixedThreadPool(8);
  private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
  private final CountDownLatch firstWriteMayEnd = new CountDownLatch(1);
  private JdbcClient jdbc;
  private WebhookInboxWriter writer;

  @BeforeEach
  void freshInbox() {
    jdbc = JdbcClient.create(TestDatabase.freshDatabase());
    WebhookInboxRepository inbox =
        new WebhookInboxRepository(jdbc) {
          @Override
          public void storeAll(List<NewDelivery> deliveries) {
            boolean first = batchSizes.isEmpty();
            batchSizes.add(deliveries.size());
            if (first) {
              await().atMost(Duration.ofSeconds(30)).until(() -> firstWriteMayEnd.getCount() == 0);
            }
            super.storeAll(deliveries);
          }
        };
    writer = new WebhookInboxWriter(inbox);
  }

  @AfterEach
  void stop() throws InterruptedException {
    firstWriteMayEnd.countDown();
    requests.shutdownNow();
    writer.destroy();
  }

  private Future<UUID> delivered(String executionId) {
    return requests.submit(
        () ->
            writer.store(
                executionId,
                "completed",
                "{\"id\": \"" + executionId + "\", \"status\": \"completed\"}",
                "13.203.39.153"));
  }

  private int stored(UUID id) {
    return jdbc.sql(
            "SELECT count(*) FROM webhook_events WHERE id = :id AND processed_at IS NULL"
                + " AND payload ->> 'status' = 'completed'")
        .param("id", id)
        .query(Integer.class)
        .single();
  }

  @Test
  void deliveriesThatArriveWhileOneIsWrittenAreStoredTogetherEachAnsweredOnceItsRowIsIn()
      throws Exception {
    Future<UUID> first = delivered("exec-0");
    await().atMost(Duration.ofSeconds(10)).until(() -> batchSizes.size() == 1);
    List<Future<UUID>> meanwhile = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      meanwhile.add(delivered("exec-" + i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> writer.waiting() == 6);
    assertThat(first.isDone()).as("answered before its row is in").isFalse();

    firstWriteMayEnd.countDown();

    assertThat(stored(first.get(10, TimeUnit.SECONDS))).isEqualTo(1);
    for (Future<UUID> delivery : meanwhile) {
      assertThat(stored(delivery.get(10, TimeUnit.SECONDS))).isEqualTo(1);
    }
    assertThat(batchSizes).containsExactly(1, 6);
  }

  @Test
  void aDeliveryPostgresRefusesFailsAloneAndTheOthersOfItsBatchAreStored() throws Exception {
    Future<UUID> first = delivered("exec-0");
    await().atMost(Duration.ofSeconds(10)).until(() -> batchSizes.size() == 1);
    Future<UUID> before = delivered("exec-1");
    Future<UUID> refused = delivered("x".repeat(300));
    Future<UUID> after = delivered("exec-2");
    await().atMost(Duration.ofSeconds(10)).until(() -> writer.waiting() == 3);

    firstWriteMayEnd.countDown();

    assertThat(stored(first.get(10, TimeUnit.SECONDS))).isEqualTo(1);
    assertThat(stored(before.get(10, TimeUnit.SECONDS))).isEqualTo(1);
    assertThat(stored(after.get(10, TimeUnit.SECONDS))).isEqualTo(1);
    assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DataAccessException.class);
    assertThat(batchSizes).as("the batch, then each of it alone").containsExactly(1, 3, 1, 1, 1);
    assertThat(jdbc.sql("SELECT count(*) FROM webhook_events").query(Integer.class).single())
        .isEqualTo(3);
  }

  @Test
  void afterTheWriterStopsADeliveryIsStillStoredBeforeItIsAnswered() throws Exception {
    firstWriteMayEnd.countDown();
    writer.destroy();

    UUID id = delivered("exec-late").get(10, TimeUnit.SECONDS);

    assertThat(stored(id)).isEqualTo(1);
  }
}
