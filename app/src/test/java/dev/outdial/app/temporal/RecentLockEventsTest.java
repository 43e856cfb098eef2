package dev.outdial.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentLockEventsTest {

  @Test
  void keepsOnlyTheNewestEvents() {
    RecentLockEvents journal = new RecentLockEvents();
    for (int event = 0; event < RecentLockEvents.KEPT + 500; event++) {
      journal.add("event " + event);
    }

    assertThat(journal).hasSize(RecentLockEvents.KEPT);
    assertThat(journal.getFirst()).isEqualTo("event 500");
    assertThat(journal.getLast()).isEqualTo("event " + (RecentLockEvents.KEPT + 499));
  }

  @Test
  void removesTheVeryEventGivenAndCallsAnEventAlreadyDroppedRemovedToo() {
    RecentLockEvents journal = new RecentLockEvents();
    String held = new String("lock");
    String equalButAnother = new String("lock");
    journal.add(held);
    journal.add(equalButAnother);
    journal.add("newest");

    assertThat(journal.remove(held)).isTrue();
    assertThat(journal).containsExactly("lock", "newest");
    assertThat(journal.getFirst()).isSameAs(equalButAnother);

    assertThat(journal.remove("dropped long ago")).isTrue();
    assertThat(journal).hasSize(2);
  }
}
