package dev.outdial.app.temporal;

/** Which Temporal the app runs itself when no real one is configured. */
public enum EmbeddedTemporalKind {
  /** The CLI's development server when the CLI is found, else the Java test server. */
  AUTO,
  /** The CLI's development server; the app does not start without the CLI. */
  CLI,
  /** Temporal's Java test server, in the app's own process and memory. */
  TEST_SERVER
}
