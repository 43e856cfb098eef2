package dev.outdial.app.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address that leads nowhere: a page for a person in the console, a problem detail for an API
 * client, as each expects.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnknownPathHandler {

  private static final AntPathMatcher PATHS = new AntPathMatcher();
  private static final String[] API_PATHS = {
    "/api/**", "/webhooks/**", "/simulator/**", "/actuator/**", "/v3/**", "/swagger-ui/**"
  };

  @ExceptionHandler(NoResourceFoundException.class)
  Object unknown(
      NoResourceFoundException e, HttpServletRequest request, HttpServletResponse response) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    for (String api : API_PATHS) {
      if (PATHS.match(api, path)) {
        ProblemDetail problem =
            ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "Nothing is at " + path);
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
      }
    }
    ModelAndView page = new ModelAndView("error", HttpStatus.NOT_FOUND);
    page.addObject("status", 404);
    return page;
  }
}
