package dev.outdial.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for tests that talk to the running app as a dashboard would. */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public ApiClient(int port) {
    this.baseUrl = "http://localhost:" + port;
  }

  /** The answer: status, body as JSON (missing when empty or not JSON), raw body and headers. */
  public record Answer(int status, JsonNode json, String body, HttpResponse<String> response) {
    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  public Answer get(String path, String token) {
    return send("GET", path, token, null, Map.of());
  }

  public Answer post(String path, String token, Object body) {
    return send("POST", path, token, body, Map.of());
  }

  public Answer patch(String path, String token, Object body) {
    return send("PATCH", path, token, body, Map.of());
  }

  public Answer put(String path, String token, Object body) {
    return send("PUT", path, token, body, Map.of());
  }

  public Answer delete(String path, String token) {
    return send("DELETE", path, token, null, Map.of());
  }

  /**
   * Sends a request. A {@code String} body is sent as it is (for malformed JSON and signed
   * payloads); anything else is written as JSON.
   */
  public Answer send(
      String method, String path, String token, Object body, Map<String, String> headers) {
    try {
      Map<String, String> all = new LinkedHashMap<>(headers);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
      if (token != null) {
        all.put("Authorization", "Bearer " + token);
      }
      HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
      if (body != null) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        publisher = HttpRequest.BodyPublishers.ofString(text);
        all.putIfAbsent("Content-Type", "application/json");
      }
      all.forEach(request::header);
      HttpResponse<String> response =
          http.send(
              request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), parse(response.body()), response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
