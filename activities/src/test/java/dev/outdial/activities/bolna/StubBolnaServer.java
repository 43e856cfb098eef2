package dev.outdial.activities.bolna;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A local HTTP server that answers like Bolna would, from a script of answers per path. */
public final class StubBolnaServer implements AutoCloseable {

  /** One scripted answer; {@code hangs} makes the server never answer (until closed). */
  public record Answer(int status, String body, boolean hangs) {
    public static Answer json(int status, String body) {
      return new Answer(status, body, false);
    }

    public static Answer never() {
      return new Answer(0, null, true);
    }
  }

  /**
   * What the server was sent; {@code atNanos} is {@link System#nanoTime()} when the request came
   * in, to measure the gaps between a client's attempts.
   */
  public record Received(
      String method, String path, String query, String authorization, String body, long atNanos) {}

  private final HttpServer server;
  private final Map<String, Deque<Answer>> script = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  public StubBolnaServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers requests to {@code "METHOD /path"} with these answers in turn; the last repeats. */
  public void on(String methodAndPath, Answer... answers) {
    script.put(methodAndPath, new ArrayDeque<>(List.of(answers)));
  }

  public List<Received> received() {
    return received;
  }

  public long count(String methodAndPath) {
    return received.stream()
        .filter(r -> (r.method() + " " + r.path()).equals(methodAndPath))
        .count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    long atNanos = System.nanoTime();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    received.add(
        new Received(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestURI().getQuery(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body,
            atNanos));
    Deque<Answer> answers = script.get(exchange.getRequestMethod() + " " + path);
    Answer answer;
    if (answers == null || answers.isEmpty()) {
      answer = Answer.json(404, "{\"error\": 404, \"message\": \"no such path in the stub\"}");
    } else {
      answer = answers.size() > 1 ? answers.removeFirst() : answers.peekFirst();
    }
    if (answer.hangs()) {
      try {
        closing.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
