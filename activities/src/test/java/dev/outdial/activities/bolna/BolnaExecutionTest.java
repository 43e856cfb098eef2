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

  @Test
  void theCallLastsAsLongAsTheTelephonySaysAndElseAsTheConversation() {
    var billed =
        BolnaExecution.parse(
            """
            {"id": "e-3", "conversation_duration": 58.3, "telephony_data": {"duration": "65"}}
            """);
    var notYetKnown =
        BolnaExecution.parse(
            """
            {"id": "e-4", "conversation_duration": 12, "telephony_data": {"duration": "0"}}
            """);
    var nothingKnown = BolnaExecution.parse("{\"id\": \"e-5\"}");

    assertThat(billed.durationSeconds()).isEqualTo(65);
    assertThat(notYetKnown.durationSeconds()).isEqualTo(12);
    assertThat(nothingKnown.durationSeconds()).isZero();
  }

  @Test
  void anInboundCallIsToldFromAnOutboundOne() {
    var inbound =
        BolnaExecution.parse(
            """
            {"id": "e-6", "status": "completed", "user_number": "+14155552671",
             "telephony_data": {"call_type": "inbound", "from_number": "+14155552671",
                                "to_number": "+18005550100"}}
            """);
    var outbound =
        BolnaExecution.parse(
            "{\"id\": \"e-7\", \"telephony_data\": {\"call_type\": \"outbound\"}}");
    var unknown = BolnaExecution.parse("{\"id\": \"e-8\"}");

    assertThat(inbound.isInbound()).isTrue();
    assertThat(inbound.telephony().fromNumber()).isEqualTo("+14155552671");
    assertThat(inbound.telephony().toNumber()).isEqualTo("+18005550100");
    assertThat(outbound.isInbound()).isFalse();
    assertThat(unknown.isInbound()).isFalse();
  }

  @Test
  void theExecutionIdComesFromIdOrElseExecutionId() {
    assertThat(BolnaExecution.parse("{\"id\": \"e-1\", \"execution_id\": \"x\"}").id())
        .isEqualTo("e-1");
    assertThat(BolnaExecution.parse("{\"id\": \"\", \"execution_id\": \"e-2\"}").id())
        .isEqualTo("e-2");
    assertThat(BolnaExecution.parse("{\"status\": \"queued\"}").id()).isNull();
  }

  @Test
  void voicemailIsKnownOnlyWhenBolnaSaysSo() {
    var voicemail = BolnaExecution.parse("{\"id\": \"e-1\", \"answered_by_voice_mail\": true}");
    var person = BolnaExecution.parse("{\"id\": \"e-2\", \"answered_by_voice_mail\": false}");
    var undetected = BolnaExecution.parse("{\"id\": \"e-3\", \"answered_by_voice_mail\": null}");

    assertThat(voicemail.answeredByVoiceMail()).isTrue();
    assertThat(person.answeredByVoiceMail()).isFalse();
    assertThat(undetected.answeredByVoiceMail()).isNull();
  }
}
