package dev.outdial.app.admin;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.user.UserView;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import dev.outdial.app.web.PathIds;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administration; the security configuration lets only admins and super_admins in. */
@RestController
@RequestMapping("/api/admin")
class AdminController {

  private final AdminService admin;

  AdminController(AdminService admin) {
    this.admin = admin;
  }

  @GetMapping("/users")
  Page<UserView> users(
      @RequestParam(required = false) String search,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return admin.listUsers(search, PageRequest.of(limit, cursor));
  }

  @PatchMapping("/users/" + PathIds.ID)
  UserView updateUser(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @Valid @RequestBody AdminUserPatch patch) {
    return admin.updateUser(caller, id, patch);
  }

  @PostMapping("/users/" + PathIds.ID + "/credits")
  CreditAdjustmentView adjustCredits(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @Valid @RequestBody CreditAdjustmentRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    return admin.adjustCredits(caller, id, request, idempotencyKey);
  }

  @GetMapping("/system/limits")
  SystemLimits limits() {
    return admin.systemLimits();
  }

  @PutMapping("/system/limits")
  SystemLimits setLimits(
      @AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody SystemLimits request) {
    return admin.setSystemLimits(caller, request);
  }

  @GetMapping("/system/quiet-hours")
  QuietHoursView quietHours() {
    return admin.quietHours();
  }

  @PutMapping("/system/quiet-hours")
  QuietHoursView setQuietHours(
      @AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody QuietHoursView request) {
    return admin.setQuietHours(caller, request);
  }
}
