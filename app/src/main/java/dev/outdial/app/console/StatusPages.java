package dev.outdial.app.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/** The page a signed-in user sees when their role may not open a page. */
@ConsoleController
class StatusPages {

  @RequestMapping("/forbidden")
  String forbidden(Model model, HttpServletResponse response) {
    return ConsoleExceptionHandler.page(
        model,
        response,
        HttpStatus.FORBIDDEN,
        "Not allowed",
        "Your role may not open this page. Ask an administrator if you need it.");
  }
}
