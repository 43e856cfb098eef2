package dev.outdial.app.console;

import dev.outdial.activities.billing.InsufficientCreditsException;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.DatabaseAwayFilter;
import dev.outdial.app.web.UnstorableText;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Failures of console pages as pages: what went wrong and what to do, in words, with the status the
 * API would give. Never a stack trace; unexpected failures are logged with their cause.
 */
@ControllerAdvice(annotations = ConsoleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ConsoleExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  String api(ApiException e, Model model, HttpServletResponse response) {
    return page(model, response, e.status(), e.title(), e.getMessage());
  }

  @ExceptionHandler(InsufficientCreditsException.class)
  String credits(InsufficientCreditsException e, Model model, HttpServletResponse response) {
    return page(
        model,
        response,
        HttpStatus.CONFLICT,
        "Not enough credits",
        "The balance is " + e.balance() + " credits. Buy credits, then try again.");
  }

  @ExceptionHandler({
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class
  })
  String badAddress(Exception e, Model model, HttpServletResponse response) {
    return page(
        model,
        response,
        HttpStatus.NOT_FOUND,
        "Not found",
        "This address does not lead to anything. Use the menu to find what you were looking for.");
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  String tooLarge(Exception e, Model model, HttpServletResponse response) {
    return page(
        model,
        response,
        HttpStatus.PAYLOAD_TOO_LARGE,
        "File too large",
        "The file is larger than the platform accepts. Split it into smaller files.");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  String noResource(Exception e, Model model, HttpServletResponse response) {
    return badAddress(e, model, response);
  }

  @ExceptionHandler(Exception.class)
  String unexpected(Exception e, Model model, HttpServletResponse response) {
    if (UnstorableText.refusedBy(e)) {
      log.warn("Console refused text Postgres cannot store: {}", e.getMessage());
      return page(
          model,
          response,
          HttpStatus.BAD_REQUEST,
          "Text that cannot be kept",
          UnstorableText.DETAIL);
    }
    if (DatabaseAwayFilter.isDatabaseAway(e)) {
      log.warn("Console page answered 503, the database is unavailable: {}", e.getMessage());
      response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseAwayFilter.RETRY_AFTER_SECONDS);
      return page(
          model,
          response,
          HttpStatus.SERVICE_UNAVAILABLE,
          "Back in a moment",
          "The platform's database is unavailable for a moment; nothing was changed. Reload the"
              + " page shortly.");
    }
    log.error("Console page failed", e);
    return page(
        model,
        response,
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Something went wrong",
        "The page could not be shown. Nothing was lost; try again in a moment, and tell your"
            + " administrator if it keeps happening.");
  }

  static String page(
      Model model, HttpServletResponse response, HttpStatus status, String title, String detail) {
    response.setStatus(status.value());
    model.addAttribute("status", status.value());
    model.addAttribute("title", title);
    model.addAttribute("detail", detail);
    return "error";
  }
}
