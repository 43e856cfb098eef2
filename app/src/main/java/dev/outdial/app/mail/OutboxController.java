package dev.outdial.app.mail;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The mail outbox, for a super_admin. */
@RestController
@RequestMapping("/api/admin/outbox")
class OutboxController {

  private final OutboxService outbox;

  OutboxController(OutboxService outbox) {
    this.outbox = outbox;
  }

  @GetMapping
  Page<OutboxMailView> list(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return outbox.list(caller, PageRequest.of(limit, cursor));
  }
}
