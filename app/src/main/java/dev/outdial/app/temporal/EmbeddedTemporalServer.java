package dev.outdial.app.temporal;

import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Temporal's own Java test server, bound to a port so the worker, the API and an operator's CLI
 * reach it like a real frontend. It keeps its state in memory: Postgres is the source of truth and
 * the app rebuilds workflows from it at start.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporalServer(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts the server on {@code port}, or on a free port when {@code port} is 0. */
  public static EmbeddedTemporalServer start(int port) {
    int chosen = port == 0 ? freePort() : port;
    try {
      // lockTimeSkipping=true: the server runs on the wall clock, as a real Temporal does.
      return new EmbeddedTemporalServer(TestServer.createPortBoundServer(chosen, true), chosen);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Could not start the embedded Temporal server on port "
              + chosen
              + " (set OUTDIAL_TEMPORAL_EMBEDDED_PORT to another port, or 0 for any free one)",
          e);
    }
  }

  public int port() {
    return port;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the embedded Temporal server", e);
    }
  }
}
