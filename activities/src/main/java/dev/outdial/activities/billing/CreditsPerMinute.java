package dev.outdial.activities.billing;

/**
 * The billing rule: {@code duration_minutes} is the duration rounded up to whole minutes, and each
 * started minute costs {@code creditsPerMinute} credits (1 unless configured otherwise).
 */
public record CreditsPerMinute(int creditsPerMinute) {

  public static int minutes(int durationSeconds) {
    return durationSeconds <= 0 ? 0 : (durationSeconds + 59) / 60;
  }

  public int credits(int durationSeconds) {
    return minutes(durationSeconds) * creditsPerMinute;
  }
}
