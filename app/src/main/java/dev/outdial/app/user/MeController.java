package dev.outdial.app.user;

import dev.outdial.app.security.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/me")
class MeController {

  private final UserService users;

  MeController(UserService users) {
    this.users = users;
  }

  @GetMapping
  UserView me(@AuthenticationPrincipal CurrentUser caller) {
    return users.me(caller);
  }

  @PatchMapping
  UserView update(
      @AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody ProfilePatch patch) {
    return users.updateProfile(caller, patch);
  }
}
