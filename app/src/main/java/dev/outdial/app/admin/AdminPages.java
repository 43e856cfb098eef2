package dev.outdial.app.admin;

import dev.outdial.activities.billing.InsufficientCreditsException;
import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.console.FormProblem;
import dev.outdial.app.contact.AddDoNotCallRequest;
import dev.outdial.app.contact.DoNotCallService;
import dev.outdial.app.dashboard.DashboardService;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.security.Role;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' pages: platform KPIs, users, platform limits and quiet hours, and the
 * platform's do-not-call list. The security chain lets only admins and super_admins in; what each
 * may change is decided by {@link AdminService} and {@link DoNotCallService}, as for the API.
 */
@ConsoleController
@RequestMapping("/admin")
class AdminPages {

  private final AdminService admin;
  private final DashboardService dashboards;
  private final DoNotCallService doNotCall;

  AdminPages(AdminService admin, DashboardService dashboards, DoNotCallService doNotCall) {
    this.admin = admin;
    this.dashboards = dashboards;
    this.doNotCall = doNotCall;
  }

  @GetMapping
  String overview(Model model) {
    model.addAttribute("kpis", dashboards.platformKpis());
    model.addAttribute("limits", admin.systemLimits());
    model.addAttribute("quietHours", admin.quietHours());
    return "admin/overview";
  }

  @GetMapping("/users")
  String users(
      @RequestParam(required = false) String search,
      @RequestParam(required = false) String cursor,
      Model model) {
    model.addAttribute("search", search);
    model.addAttribute("page", admin.listUsers(search, PageRequest.of(null, cursor)));
    return "admin/users";
  }

  @GetMapping("/users/{id}")
  String user(@PathVariable UUID id, Model model) {
    return userPage(id, model);
  }

  @PostMapping("/users/{id}")
  String updateUser(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @Valid @ModelAttribute("patch") AdminUserPatch patch,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (binding.hasErrors()) {
      return refused(model, response, FormProblem.of(binding), id, "account");
    }
    try {
      admin.updateUser(caller, id, patch);
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      return refused(model, response, FormProblem.of(e), id, "account");
    }
    redirect.addFlashAttribute("notice", "The account is saved; it applies from now on.");
    return "redirect:/admin/users/" + id;
  }

  @PostMapping("/users/{id}/credits")
  String adjustCredits(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @Valid @ModelAttribute("adjustment") CreditAdjustmentRequest adjustment,
      BindingResult binding,
      @RequestParam(name = "idempotencyKey", required = false) String idempotencyKey,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (binding.hasErrors()) {
      return refused(model, response, FormProblem.of(binding), id, "credits");
    }
    CreditAdjustmentView done;
    try {
      done = admin.adjustCredits(caller, id, adjustment, idempotencyKey);
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      return refused(model, response, FormProblem.of(e), id, "credits");
    } catch (InsufficientCreditsException e) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      return refused(
          model,
          response,
          FormProblem.of(
              "The balance is "
                  + e.balance()
                  + " credits; taking "
                  + Math.abs(e.amount())
                  + " would take it below zero. Take at most "
                  + e.balance()
                  + "."),
          id,
          "credits");
    }
    redirect.addFlashAttribute(
        "notice",
        (done.amount() >= 0 ? "Added " : "Took ")
            + Math.abs(done.amount())
            + " credits; the balance is now "
            + done.balanceAfter()
            + ".");
    return "redirect:/admin/users/" + id;
  }

  @GetMapping("/platform")
  String platform(Model model) {
    QuietHoursView quiet = admin.quietHours();
    model.addAttribute("limits", admin.systemLimits());
    model.addAttribute(
        "quietHours",
        Boolean.TRUE.equals(quiet.enabled())
            ? quiet
            : new QuietHoursView(false, QuietHoursDefaults.START, QuietHoursDefaults.END));
    return "admin/platform";
  }

  @PostMapping("/platform/limits")
  String setLimits(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @ModelAttribute("limits") SystemLimits limits,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (binding.hasErrors()) {
      return platformRefused(model, response, FormProblem.of(binding), "limits");
    }
    try {
      admin.setSystemLimits(caller, limits);
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      return platformRefused(model, response, FormProblem.of(e), "limits");
    }
    redirect.addFlashAttribute(
        "notice",
        "The platform now places at most "
            + limits.systemConcurrentCallsLimit()
            + " calls at once.");
    return "redirect:/admin/platform";
  }

  @PostMapping("/platform/quiet-hours")
  String setQuietHours(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @ModelAttribute("quietHours") QuietHoursView quietHours,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (binding.hasErrors()) {
      return platformRefused(model, response, FormProblem.of(binding), "quiet");
    }
    QuietHoursView saved;
    try {
      saved = admin.setQuietHours(caller, quietHours);
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      return platformRefused(model, response, FormProblem.of(e), "quiet");
    }
    redirect.addFlashAttribute(
        "notice",
        Boolean.TRUE.equals(saved.enabled())
            ? "Quiet hours are now " + saved.start() + " to " + saved.end() + ", recipient-local."
            : "Quiet hours are off: only the campaigns' windows limit when calls are placed.");
    return "redirect:/admin/platform";
  }

  @GetMapping("/do-not-call")
  String platformDoNotCall(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String cursor,
      Model model) {
    model.addAttribute("page", doNotCall.list(caller, true, PageRequest.of(null, cursor)));
    model.addAttribute("mayChange", caller.role() == Role.SUPER_ADMIN);
    model.addAttribute("form", new AddDoNotCallRequest("", "", "US"));
    return "admin/do-not-call";
  }

  @PostMapping("/do-not-call")
  String addPlatformDoNotCall(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @ModelAttribute("form") AddDoNotCallRequest form,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    FormProblem problem = null;
    if (binding.hasErrors()) {
      problem = FormProblem.of(binding);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    } else {
      try {
        var added = doNotCall.add(caller, true, form);
        redirect.addFlashAttribute(
            "notice",
            added.alreadyListed()
                ? added.entry().phoneNumber() + " was on the platform's list already."
                : added.entry().phoneNumber()
                    + " is on the platform's list; nobody on the platform will call it"
                    + (added.closedCalls() > 0
                        ? " (" + added.closedCalls() + " queued calls closed)."
                        : "."));
        return "redirect:/admin/do-not-call";
      } catch (ApiException e) {
        problem = FormProblem.of(e);
        response.setStatus(e.status().value());
      }
    }
    model.addAttribute("problem", problem);
    model.addAttribute("page", doNotCall.list(caller, true, PageRequest.of(null, null)));
    model.addAttribute("mayChange", caller.role() == Role.SUPER_ADMIN);
    return "admin/do-not-call";
  }

  @PostMapping("/do-not-call/remove")
  String removePlatformDoNotCall(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam String phoneNumber,
      RedirectAttributes redirect) {
    doNotCall.remove(caller, true, phoneNumber);
    redirect.addFlashAttribute("notice", phoneNumber + " is off the platform's list.");
    return "redirect:/admin/do-not-call";
  }

  private String userPage(UUID id, Model model) {
    model.addAttribute("user", admin.user(id));
    if (!model.containsAttribute("patch")) {
      model.addAttribute("patch", new AdminUserPatch(null, null, null));
    }
    if (!model.containsAttribute("adjustment")) {
      model.addAttribute("adjustment", new CreditAdjustmentRequest(null, ""));
    }
    model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
    return "admin/user";
  }

  private String refused(
      Model model, HttpServletResponse response, FormProblem problem, UUID id, String form) {
    if (response.getStatus() < 400) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    }
    model.addAttribute("problem", problem);
    model.addAttribute("problemForm", form);
    return userPage(id, model);
  }

  private String platformRefused(
      Model model, HttpServletResponse response, FormProblem problem, String form) {
    if (response.getStatus() < 400) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    }
    model.addAttribute("problem", problem);
    model.addAttribute("problemForm", form);
    if (!model.containsAttribute("limits")) {
      model.addAttribute("limits", admin.systemLimits());
    }
    if (!model.containsAttribute("quietHours")) {
      model.addAttribute("quietHours", admin.quietHours());
    }
    return "admin/platform";
  }

  /** What the quiet-hours form proposes when they are off: the platform's default. */
  private static final class QuietHoursDefaults {
    static final String START = "21:00";
    static final String END = "08:00";
  }
}
