package dev.outdial.activities.bolna;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BolnaExecutionTest {

  @Test
  void aCompletedWebhookWithStringDurationAndNaiveTimestampsParses() {
    var execution =
        BolnaExecution.parse(
            """
            {"id": "e-1", "agent_id": "a-1", "batch_id": null, "status": "completed",
             "conversation_duration": 41.2, "total_cost": 0, "transcript": "assistant: Hi\\nuser: Hello",
             "extracted_data": null, "answered_by_voice_mail": false,
             "created_at": "2025-10-09T10:15:30.123456", "updated_at": "2025-10-09T10:16:30.5Z",
             "context_details": {"recipient_data": {"outdial_queue_item_id": "q-1", "n": 3},
                                 "recipient_phone_number": "+14155552671"},
             "telephony_data": {"duration": "42", "recording_url": "https://r/1.mp3", "call_type": "outbound",
                                "hangup_by": "Callee", "hangup_provider_code": 4000, "unknown": {"x": 1}},
             "a_new_field": [1, 2]}
            """);

    assertThat(execution.status()).isEqualTo("completed");
    assertThat(execution.isTerminal()).isTrue();
    assertThat(execution.durationSeconds()).isEqualTo(42);
    assertThat(execution.conversationDurationSeconds()).isEqualTo(42);
    assertThat(execution.createdAt()).isEqualTo(Instant.parse("2025-10-09T10:15:30.123456Z"));
    assertThat(execution.updatedAt()).isEqualTo(Instant.parse("2025-10-09T10:16:30.5Z"));
    assertThat(execution.extractedData()).isNull();
    assertThat(execution.recipientData()).containsEntry("outdial_queue_item_id", "q-1");
    assertThat(execution.telephony().hangupProviderCode()).isEqualTo(4000);
    assertThat(execution.telephony().recordingUrl()).isEqualTo("https://r/1.mp3");
    assertThat(execution.raw().path("a_new_field").size()).isEqualTo(2);
  }

  @Test
  void stateStandsInForStatusAndEmptyValuesAreAbsent() {
    var execution =
        BolnaExecution.parse(
            """
            {"id": "e-2", "state": "ringing", "telephony_data": {"duration": "", "recording_url": "",
             "hangup_provider_code": null}, "conversation_duration": "12.4"}
            """);

    assertThat(execution.status()).isEqualTo("ringing");
    assertThat(execution.isTerminal()).isFalse();
    assertThat(execution.telephony().recordingUrl()).isNull();
    assertThat(execution.telephony().durationSeconds()).isNull();
    assertThat(execution.durationSeconds()).isEqualTo(13);
    assertThat(execution.telephony().hangupProviderCode()).isNull();
    assertThat(execution.recipientData()).isEmpty();
  }
}
