package dev.outdial.app.user;

import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.console.ConsoleSessions;
import dev.outdial.app.console.FormProblem;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.time.Duration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-up, sign-in and the profile page of the console. */
@ConsoleController
class AccountPages {

  private final UserService users;
  private final ConsoleSessions sessions;

  AccountPages(UserService users, ConsoleSessions sessions) {
    this.users = users;
    this.sessions = sessions;
  }

  @GetMapping("/login")
  String login(
      @RequestParam(name = "error", required = false) String error,
      @RequestParam(name = "retry", required = false) String retrySeconds,
      Model model) {
    if ("throttled".equals(error)) {
      long seconds = 60;
      try {
        seconds = Math.max(1, Long.parseLong(retrySeconds));
      } catch (NumberFormatException e) {
        // A link edited by hand: say a minute.
      }
      model.addAttribute("throttledWait", SignInThrottle.humane(Duration.ofSeconds(seconds)));
    }
    return "account/login";
  }

  @GetMapping("/signup")
  String signupForm(Model model) {
    model.addAttribute("form", new SignupRequest("", "", ""));
    return "account/signup";
  }

  @PostMapping("/signup")
  String signup(
      @Valid @ModelAttribute("form") SignupRequest form,
      BindingResult binding,
      Model model,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (binding.hasErrors()) {
      return refused(model, response, FormProblem.of(binding), "account/signup");
    }
    UserView user;
    try {
      user = users.register(form, request.getRemoteAddr());
    } catch (ApiException e) {
      model.addAttribute("problem", FormProblem.answering(e, response));
      return "account/signup";
    }
    sessions.signIn(user, request, response);
    return "redirect:/?welcome";
  }

  @GetMapping("/profile")
  String profile(@AuthenticationPrincipal CurrentUser caller, Model model) {
    UserView me = users.me(caller);
    model.addAttribute(
        "form",
        new ProfilePatch(
            me.name(), me.company(), me.website(), me.location(), me.bio(), me.phone()));
    return "account/profile";
  }

  @PostMapping("/profile")
  String updateProfile(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @ModelAttribute("form") ProfilePatch form,
      BindingResult binding,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (binding.hasErrors()) {
      return refused(model, response, FormProblem.of(binding), "account/profile");
    }
    users.updateProfile(caller, form);
    redirect.addFlashAttribute("notice", "Your profile is saved.");
    return "redirect:/profile";
  }

  private static String refused(
      Model model, HttpServletResponse response, FormProblem problem, String view) {
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    model.addAttribute("problem", problem);
    return view;
  }
}
