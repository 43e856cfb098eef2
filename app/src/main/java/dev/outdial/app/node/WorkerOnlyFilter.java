package dev.outdial.app.node;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * On a worker-only node ({@code OUTDIAL_API_ENABLED=false}) every request but the actuator's is
 * answered 404 before security or any controller sees it: the node serves health and metrics to its
 * orchestrator and nothing a customer, an administrator or Bolna could reach by mistake.
 */
public class WorkerOnlyFilter extends OncePerRequestFilter {

  static final String DETAIL =
      "This node runs workflows only (OUTDIAL_API_ENABLED=false); the API, the console and the"
          + " webhooks are served by the API nodes.";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.equals("/actuator") || path.startsWith("/actuator/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setStatus(HttpStatus.NOT_FOUND.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\""
                + DETAIL
                + "\",\"instance\":\""
                + request.getRequestURI().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\"}");
  }
}
