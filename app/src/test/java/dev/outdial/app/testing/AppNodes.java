package dev.outdial.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole app nodes (or the standalone simulator) started in this JVM with their own settings, as an
 * operator would start processes; {@link #close} stops them the way SIGTERM does (Spring's graceful
 * shutdown).
 */
public final class AppNodes implements AutoCloseable {

  private final List<ConfigurableApplicationContext> running = new ArrayList<>();

  public ConfigurableApplicationContext start(Class<?> application, Map<String, ?> settings) {
    // As command-line arguments, so they win over application.yaml.
    String[] arguments =
        settings.entrySet().stream()
            .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
            .toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(application).run(arguments);
    running.add(context);
    return context;
  }

  /** Stops one node as SIGTERM would. */
  public void stop(ConfigurableApplicationContext node) {
    node.close();
    running.remove(node);
  }

  @Override
  public void close() {
    for (int i = running.size() - 1; i >= 0; i--) {
      running.get(i).close();
    }
    running.clear();
  }

  public static int port(ConfigurableApplicationContext context) {
    return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
