package dev.outdial.app.web;

import dev.outdial.activities.billing.InsufficientCreditsException;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns every failure into an RFC 9457 problem detail with a human-readable {@code detail}. */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> handleApi(ApiException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setTitle(e.title());
    if (e instanceof InvalidFieldsException invalid) {
      problem.setProperty("errors", invalid.errors());
    }
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
    e.retryAfterSeconds()
        .ifPresent(seconds -> answer.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
    return answer.body(problem);
  }

  @ExceptionHandler(InsufficientCreditsException.class)
  ProblemDetail handleInsufficientCredits(InsufficientCreditsException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.CONFLICT,
            "The balance is "
                + e.balance()
                + " credits; a change of "
                + e.amount()
                + " would take it below zero");
    problem.setTitle("Insufficient credits");
    problem.setProperty("balance", e.balance());
    return problem;
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ProblemDetail handleTypeMismatch(MethodArgumentTypeMismatchException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, "'" + e.getValue() + "' is not a valid " + e.getName());
    problem.setTitle("Bad request");
    problem.setProperty("errors", List.of(new FieldError(e.getName(), "invalid value")));
    return problem;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(error -> new FieldError(snakeCase(error.getField()), error.getDefaultMessage()))
            .sorted(Comparator.comparing(FieldError::field))
            .toList();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "The request has invalid fields: "
                + String.join(", ", errors.stream().map(FieldError::field).distinct().toList()));
    problem.setTitle("Validation failed");
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<FieldError> errors =
        e.getParameterValidationResults().stream()
            .flatMap(
                result ->
                    result.getResolvableErrors().stream()
                        .map(
                            error ->
                                new FieldError(
                                    result.getMethodParameter().getParameterName(),
                                    error.getDefaultMessage())))
            .toList();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid values");
    problem.setTitle("Validation failed");
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "The request body is not valid JSON of the expected shape: "
                + rootMessage(e).replaceAll("\\s+", " "));
    problem.setTitle("Malformed request body");
    return ResponseEntity.badRequest().body(problem);
  }

  /** A multipart body that cannot be read (no boundary, cut short) is the sender's fault. */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<ProblemDetail> handleMultipart(MultipartException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            "The multipart body cannot be read: " + rootMessage(e).replaceAll("\\s+", " "));
    problem.setTitle("Malformed request body");
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> handleUnexpected(Exception e) {
    if (UnstorableText.refusedBy(e)) {
      log.warn("Refused text Postgres cannot store: {}", rootMessage(e));
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, UnstorableText.DETAIL);
      problem.setTitle("Unstorable text");
      return ResponseEntity.badRequest().body(problem);
    }
    if (DatabaseAwayFilter.isDatabaseAway(e)) {
      // Postgres is away (restarting, unreachable): nothing was done, and it is worth trying again.
      log.warn("Answered 503, the database is unavailable: {}", e.getMessage());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, DatabaseAwayFilter.RETRY_AFTER_SECONDS)
          .body(DatabaseAwayFilter.problem());
    }
    log.error("Unexpected failure", e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "Something went wrong on our side; nothing was changed by a half-done request.");
    problem.setTitle("Internal error");
    return ResponseEntity.internalServerError().body(problem);
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    int sourceAt = message.indexOf(" at [Source");
    return sourceAt > 0 ? message.substring(0, sourceAt) : message;
  }

  static String snakeCase(String field) {
    return field.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
  }
}
