package dev.outdial.app.temporal;

import io.grpc.ManagedChannel;
import java.util.Optional;

/** A Temporal server the app runs itself and stops with itself. */
public interface EmbeddedTemporal extends AutoCloseable {

  /** host:port of its frontend. */
  String target();

  /** What it is and what it keeps, for the start log. */
  String description();

  /** Its own Web UI, when it has one. */
  Optional<String> webUiUrl();

  /**
   * A channel to it inside this process, when it runs in this process: the app's own client and
   * workers then skip the network and the serialization of every request.
   */
  default Optional<ManagedChannel> inProcessChannel() {
    return Optional.empty();
  }

  @Override
  void close();
}
