package dev.outdial.app.console;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.temporal.TemporalConnection;
import dev.outdial.app.user.UserService;
import dev.outdial.app.user.UserView;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page's header shows (who is signed in, their role and their credits) and the
 * link maker for Temporal Web UI ({@code temporal.workflowUrl(id)}, null without a Web UI).
 */
@ControllerAdvice(annotations = ConsoleController.class)
class ConsoleModel {

  private final UserService users;
  private final TemporalConnection temporal;

  ConsoleModel(UserService users, TemporalConnection temporal) {
    this.users = users;
    this.temporal = temporal;
  }

  @ModelAttribute("account")
  UserView account(@AuthenticationPrincipal CurrentUser caller) {
    return caller == null ? null : users.me(caller);
  }

  @ModelAttribute("temporal")
  TemporalConnection temporal() {
    return temporal;
  }
}
