package dev.outdial.app.contact;

import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.console.FormProblem;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's own do-not-call list in the console: the list, adding a number, taking one off, and
 * importing a CSV file of numbers, through the same {@link DoNotCallService} methods as {@code
 * /api/do-not-call} (never the platform's list, which is an administrator's page).
 */
@ConsoleController
class DoNotCallPages {

  private static final boolean OWN_LIST = false;

  private final DoNotCallService lists;

  DoNotCallPages(DoNotCallService lists) {
    this.lists = lists;
  }

  @GetMapping("/do-not-call")
  String list(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String cursor,
      Model model) {
    if (!model.containsAttribute("form")) {
      model.addAttribute("form", new AddDoNotCallRequest("", "", null));
    }
    return page(caller, cursor, model, null);
  }

  @PostMapping("/do-not-call")
  String add(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @ModelAttribute("form") AddDoNotCallRequest form,
      BindingResult binding,
      @RequestParam(required = false) String region,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (binding.hasErrors()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problem", FormProblem.of(binding));
      return page(caller, null, model, region);
    }
    DoNotCallAdded added;
    try {
      added =
          lists.add(
              caller,
              OWN_LIST,
              new AddDoNotCallRequest(
                  form.phoneNumber(),
                  form.reason() == null || form.reason().isBlank() ? null : form.reason(),
                  Regions.chosen(region)));
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      model.addAttribute("problem", ContactPages.inConsoleWords(FormProblem.of(e)));
      return page(caller, null, model, region);
    }
    String number = added.entry().phoneNumber();
    redirect.addFlashAttribute(
        "notice",
        added.alreadyListed()
            ? number + " was on your do-not-call list already."
            : number
                + " is on your do-not-call list: it is never dialed."
                + closed(added.closedCalls()));
    return "redirect:/do-not-call";
  }

  @PostMapping("/do-not-call/remove")
  String remove(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam("phone_number") String phoneNumber,
      RedirectAttributes redirect) {
    lists.remove(caller, OWN_LIST, phoneNumber);
    redirect.addFlashAttribute(
        "notice", phoneNumber + " is off your do-not-call list; it may be called again.");
    return "redirect:/do-not-call";
  }

  @PostMapping("/do-not-call/import")
  String importCsv(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) String region,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws IOException {
    model.addAttribute("form", new AddDoNotCallRequest("", "", null));
    if (file == null || file.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute(
          "importProblem",
          FormProblem.of("Choose a CSV file with a phone_number (or phone) column to import."));
      return page(caller, null, model, region);
    }
    DoNotCallImportReport report;
    try (InputStream in = file.getInputStream()) {
      report = lists.importCsv(caller, OWN_LIST, in, Regions.chosen(region));
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      model.addAttribute(
          "importProblem",
          FormProblem.of(
              "The file " + file.getOriginalFilename() + " cannot be imported: " + e.getMessage()));
      return page(caller, null, model, region);
    }
    redirect.addFlashAttribute("report", report);
    redirect.addFlashAttribute("filename", file.getOriginalFilename());
    return "redirect:/do-not-call";
  }

  private String page(CurrentUser caller, String cursor, Model model, String region) {
    model.addAttribute("numbers", lists.list(caller, OWN_LIST, PageRequest.of(null, cursor)));
    model.addAttribute("firstPage", cursor == null || cursor.isBlank());
    ContactPages.regions(model, region);
    return "do-not-call/list";
  }

  private static String closed(int calls) {
    return switch (calls) {
      case 0 -> "";
      case 1 -> " One call still queued to it was closed.";
      default -> " " + calls + " calls still queued to it were closed.";
    };
  }
}
