package dev.outdial.app.temporal;

import java.util.Optional;

/** A Temporal server the app runs itself and stops with itself. */
public interface EmbeddedTemporal extends AutoCloseable {

  /** host:port of its frontend. */
  String target();

  /** What it is and what it keeps, for the start log. */
  String description();

  /** Its own Web UI, when it has one. */
  Optional<String> webUiUrl();

  @Override
  void close();
}
