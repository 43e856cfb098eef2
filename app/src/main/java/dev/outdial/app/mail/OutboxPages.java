package dev.outdial.app.mail;

import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.PageRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The outbox in the console, for a super_admin (others get the forbidden page). */
@ConsoleController
class OutboxPages {

  private final OutboxService outbox;

  OutboxPages(OutboxService outbox) {
    this.outbox = outbox;
  }

  @GetMapping("/admin/outbox")
  String outbox(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String cursor,
      Model model) {
    model.addAttribute("page", outbox.list(caller, PageRequest.of(null, cursor)));
    model.addAttribute("smtp", outbox.smtp());
    return "admin/outbox";
  }
}
