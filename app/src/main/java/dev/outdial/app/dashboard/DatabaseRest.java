package dev.outdial.app.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps a periodic piece of work whose cost grows with the platform to a tenth of the database's
 * time: after each round that did something, the next waits nine times as long as it took. Work
 * that stays quick is left at its schedule's own interval.
 */
final class DatabaseRest {

  /** How many times its own duration the database rests after a round. */
  static final int REST_FACTOR = 9;

  private final Clock clock;
  private Instant nextAllowed = Instant.MIN;

  DatabaseRest(Clock clock) {
    this.clock = clock;
  }

  /** The start of a round, or null while the database is still resting from the last one. */
  Instant startIfRested() {
    Instant now = clock.instant();
    return now.isBefore(nextAllowed) ? null : now;
  }

  /** A round begun at {@code started} did something: the next waits its rest. */
  void worked(Instant started) {
    Instant done = clock.instant();
    nextAllowed = done.plus(Duration.between(started, done).multipliedBy(REST_FACTOR));
  }
}
