package dev.outdial.activities.bolna;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExecutionQueryTest {

  @Test
  void pagesStartAtOne() {
    assertThat(new ExecutionQuery(1, 10, null, null, null, null).pageNumber()).isEqualTo(1);
    assertThatThrownBy(() -> new ExecutionQuery(0, 10, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("page_number starts at 1");
  }

  @Test
  void aPageHoldsOneToFiftyExecutions() {
    assertThat(new ExecutionQuery(1, 1, null, null, null, null).pageSize()).isEqualTo(1);
    assertThat(new ExecutionQuery(1, 50, null, null, null, null).pageSize()).isEqualTo(50);
    assertThatThrownBy(() -> new ExecutionQuery(1, 0, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("page_size must be 1 to 50");
    assertThatThrownBy(() -> new ExecutionQuery(1, 51, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("page_size must be 1 to 50");
  }
}
