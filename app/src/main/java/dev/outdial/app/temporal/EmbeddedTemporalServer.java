package dev.outdial.app.temporal;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.InProcessGRPCServer;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's own Java test server, bound to a port so an operator's CLI (and other nodes) reach it
 * like a real frontend; the app itself calls it in process. It keeps its state in memory: Postgres
 * is the source of truth and the app rebuilds workflows from it at start.
 *
 * <p>It listens on the loopback address only: it has no authentication, and anyone who reached it
 * could start, signal or terminate the platform's workflows.
 */
public final class EmbeddedTemporalServer implements EmbeddedTemporal {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

  private final TestServicesStarter services;
  private final Server server;
  private final InProcessGRPCServer inProcess;
  private final Duration retention;
  private final Optional<ClosedWorkflowRetention> forgetting;

  private EmbeddedTemporalServer(
      TestServicesStarter services,
      Server server,
      InProcessGRPCServer inProcess,
      Duration retention) {
    this.services = services;
    this.server = server;
    this.inProcess = inProcess;
    this.retention = retention;
    this.forgetting = ClosedWorkflowRetention.of(services, retention);
  }

  /**
   * Forgets the workflows closed for longer than the retention by {@code now}, and drops the timers
   * that would only have kept workflows in memory. Called on a schedule by {@code
   * EmbeddedTemporalRetention}.
   */
  void forgetExpired(Instant now) {
    forgetting.ifPresent(
        retention -> {
          int dropped = retention.dropTimersThatNeverFire(now);
          int forgotten = retention.forgetExpired(now);
          if (forgotten > 0 || dropped > 0) {
            log.debug(
                "Forgot {} closed workflow(s) past their retention, dropped {} timer(s) that"
                    + " never fire",
                forgotten,
                dropped);
          }
        });
  }

  /**
   * Starts the server on {@code port} of 127.0.0.1, or on a free port when {@code port} is 0,
   * forgetting each workflow {@code retention} after it closed.
   */
  public static EmbeddedTemporalServer start(int port, Duration retention) {
    // lockTimeSkipping=true: the server runs on the wall clock, as a real Temporal does.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    RecentLockEvents.installIn(services);
    InProcessGRPCServer inProcess = new InProcessGRPCServer(services.getServices());
    try {
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      return new EmbeddedTemporalServer(services, builder.build().start(), inProcess, retention);
    } catch (IOException | RuntimeException e) {
      inProcess.shutdownNow();
      services.close();
      throw new IllegalStateException(
          "Could not start the embedded Temporal server on port "
              + port
              + " (set OUTDIAL_TEMPORAL_EMBEDDED_PORT to another port, or 0 for any free one)",
          e);
    }
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public String target() {
    return "127.0.0.1:" + port();
  }

  @Override
  public String description() {
    return "Java test server on "
        + target()
        + " (in memory: rebuilt from Postgres at start; a closed workflow is forgotten "
        + readable(retention)
        + " after it closed; no Web UI)";
  }

  /** Whole minutes as minutes, anything else as seconds: a retention of 30 s is not "0 min". */
  static String readable(Duration duration) {
    return duration.toSecondsPart() == 0 && duration.toNanosPart() == 0
        ? duration.toMinutes() + " min"
        : duration.toSeconds() + " s";
  }

  @Override
  public Optional<String> webUiUrl() {
    return Optional.empty();
  }

  /** The same server, reached without the network: how the app's own client and workers call it. */
  @Override
  public Optional<ManagedChannel> inProcessChannel() {
    return Optional.of(inProcess.getChannel());
  }

  /** The services behind both ways in. */
  TestServicesStarter services() {
    return services;
  }

  /** Where the server listens. */
  public List<? extends SocketAddress> listenAddresses() {
    return server.getListenSockets();
  }

  @Override
  public void close() {
    inProcess.shutdownNow();
    server.shutdownNow();
    services.close();
  }
}
