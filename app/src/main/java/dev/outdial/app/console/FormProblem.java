package dev.outdial.app.console;

import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.InvalidFieldsException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.validation.BindingResult;

/**
 * Why a form was refused: a sentence for the top of the form and a message per field, keyed by the
 * form's field names (the request records' component names).
 */
public record FormProblem(String message, Map<String, String> fields) {

  public static FormProblem of(ApiException e) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (e instanceof InvalidFieldsException invalid) {
      invalid
          .errors()
          .forEach(error -> fields.putIfAbsent(camelCase(error.field()), error.message()));
      return new FormProblem("Some fields need attention.", fields);
    }
    return new FormProblem(e.getMessage(), fields);
  }

  /**
   * The problem of a form the service refused, with the refusal's status (and its {@code
   * Retry-After}, when it says when to try again) set on {@code response}.
   */
  public static FormProblem answering(ApiException e, HttpServletResponse response) {
    response.setStatus(e.status().value());
    e.retryAfterSeconds()
        .ifPresent(seconds -> response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    return of(e);
  }

  public static FormProblem of(BindingResult result) {
    Map<String, String> fields = new LinkedHashMap<>();
    result
        .getFieldErrors()
        .forEach(
            error ->
                fields.putIfAbsent(
                    error.getField(),
                    error.isBindingFailure() ? "is not valid" : error.getDefaultMessage()));
    String message =
        result.getGlobalErrors().isEmpty()
            ? "Some fields need attention."
            : result.getGlobalErrors().get(0).getDefaultMessage();
    return new FormProblem(message, fields);
  }

  public static FormProblem of(String message) {
    return new FormProblem(message, Map.of());
  }

  /** The API names fields in snake_case ({@code phone_number}); forms use the records' names. */
  static String camelCase(String field) {
    StringBuilder out = new StringBuilder(field.length());
    boolean upper = false;
    for (char c : field.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
