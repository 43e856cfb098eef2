package dev.outdial.activities.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranscriptsTest {

  private static Map<String, String> said(String speaker, String text) {
    return Map.of("speaker", speaker, "text", text);
  }

  @Test
  void eachRoleLineStartsASegmentOfThatSpeakerInLowerCase() {
    assertThat(
            Transcripts.segments(
                "Assistant: Hello, Ada?\r\nuser:  Yes, speaking.  \nAGENT: Great."))
        .containsExactly(
            said("assistant", "Hello, Ada?"),
            said("user", "Yes, speaking."),
            said("agent", "Great."));
  }

  @Test
  void aLineWithoutARoleContinuesTheLastSpeaker() {
    assertThat(Transcripts.segments("user: I could do\n  next Tuesday\n\n   \nassistant: Booked."))
        .containsExactly(said("user", "I could do next Tuesday"), said("assistant", "Booked."));
  }

  @Test
  void textBeforeAnyRoleIsOfAnUnknownSpeaker() {
    assertThat(Transcripts.segments("hello there\nassistant: Hi"))
        .containsExactly(said("unknown", "hello there"), said("assistant", "Hi"));
  }

  @Test
  void aColonInsideSpeechIsNotARole() {
    // A time, a colon at the very start, and a "role" too long to be one.
    assertThat(
            Transcripts.segments(
                "user: Call me at\n12:30 please\n: or later\n"
                    + "this sentence is much too long to be a speaker: it is speech"))
        .containsExactly(
            said(
                "user",
                "Call me at 12:30 please : or later this sentence is much too long to be a"
                    + " speaker: it is speech"));
  }

  @Test
  void aRoleOfThirtyCharactersIsStillARole() {
    String thirty = "customer service representative".substring(0, 30);
    assertThat(Transcripts.segments(thirty + ": hi"))
        .containsExactly(said(thirty.strip().toLowerCase(), "hi"));
    assertThat(Transcripts.segments("x: hi")).containsExactly(said("x", "hi"));
  }

  @Test
  void noTranscriptHasNoSegments() {
    assertThat(Transcripts.segments(null)).isEmpty();
    assertThat(Transcripts.segments("")).isEmpty();
    assertThat(Transcripts.segments("\n \n")).isEqualTo(List.of());
  }
}
