package dev.outdial.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While Postgres is away (restarting, unreachable), every request that needs it, including the
 * sign-in check that runs before any controller, is answered 503 with {@code Retry-After}: a client
 * or Bolna tries again, and nothing was done meanwhile.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseAwayFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(DatabaseAwayFilter.class);

  /** Seconds a client is told to wait. */
  public static final String RETRY_AFTER_SECONDS = "5";

  private final ObjectMapper json;

  public DatabaseAwayFilter(ObjectMapper json) {
    this.json = json;
  }

  /** True when the failure is Postgres being unreachable, anywhere in the cause chain. */
  public static boolean isDatabaseAway(Throwable failure) {
    return Causes.anyMatch(
        failure,
        cause ->
            cause instanceof DataAccessResourceFailureException
                || cause instanceof CannotCreateTransactionException);
  }

  /** The answer to a request Postgres's absence stopped. */
  public static ProblemDetail problem() {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE,
            "The database is unavailable for a moment; nothing was changed. Try again shortly.");
    problem.setTitle("Temporarily unavailable");
    return problem;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (RuntimeException | ServletException e) {
      if (!isDatabaseAway(e) || response.isCommitted()) {
        throw e;
      }
      log.warn(
          "Answered 503 to {} {}: the database is unavailable ({})",
          request.getMethod(),
          request.getRequestURI(),
          e.getMessage());
      response.resetBuffer();
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      ProblemDetail problem = problem();
      problem.setInstance(URI.create(request.getRequestURI()));
      json.writeValue(response.getOutputStream(), problem);
    }
  }
}
