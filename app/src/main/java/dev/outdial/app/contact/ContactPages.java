package dev.outdial.app.contact;

import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.console.FormProblem;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.CsvExport;
import dev.outdial.app.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's contacts: the list with its search, a new contact, a contact's page with its edit
 * form, deleting one, and the list's CSV export. The same {@link ContactService} methods as {@code
 * /api/contacts}. The default region of a number comes from its own select ({@code region}), so
 * "none" can be chosen.
 */
@ConsoleController
class ContactPages {

  private final ContactService contacts;
  private final CsvExport csv;

  ContactPages(ContactService contacts, CsvExport csv) {
    this.contacts = contacts;
    this.csv = csv;
  }

  @GetMapping("/contacts")
  String list(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String search,
      @RequestParam(name = "is_customer", required = false) Boolean isCustomer,
      @RequestParam(required = false) String cursor,
      Model model) {
    String query = search == null || search.isBlank() ? null : search.strip();
    model.addAttribute(
        "contacts", contacts.list(caller, query, isCustomer, PageRequest.of(null, cursor)));
    model.addAttribute("search", query);
    model.addAttribute("isCustomer", isCustomer);
    model.addAttribute("filtered", query != null || isCustomer != null);
    model.addAttribute("firstPage", cursor == null || cursor.isBlank());
    return "contacts/list";
  }

  /**
   * The list's contacts, every one, as CSV: the same export as {@code /api/contacts/export.csv}.
   */
  @GetMapping(path = "/contacts/export.csv", produces = "text/csv")
  ResponseEntity<StreamingResponseBody> export(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String search,
      @RequestParam(name = "is_customer", required = false) Boolean isCustomer) {
    return csv.response("contacts.csv", contacts.export(caller, search, isCustomer));
  }

  @GetMapping("/contacts/new")
  String newContact(Model model) {
    model.addAttribute("form", new CreateContactRequest("", "", "", "", "", false, null, null));
    return form(model, null);
  }

  @PostMapping("/contacts")
  String create(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @ModelAttribute("form") CreateContactRequest form,
      BindingResult binding,
      @RequestParam(required = false) String region,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    if (binding.hasErrors()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problem", FormProblem.of(binding));
      return form(model, region);
    }
    ContactView contact;
    try {
      contact =
          contacts.create(
              caller,
              new CreateContactRequest(
                  form.name(),
                  form.phoneNumber(),
                  form.email(),
                  form.company(),
                  form.notes(),
                  Boolean.TRUE.equals(form.isCustomer()),
                  null,
                  Regions.chosen(region)));
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      model.addAttribute("problem", inConsoleWords(FormProblem.of(e)));
      return form(model, region);
    }
    redirect.addFlashAttribute(
        "notice", contact.name() + " is saved with the number " + contact.phoneNumber() + ".");
    return "redirect:/contacts/" + contact.id();
  }

  @GetMapping("/contacts/{id}")
  String contact(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
    ContactView contact = contacts.get(caller, id);
    model.addAttribute(
        "form",
        new ContactPatch(
            contact.name(),
            contact.phoneNumber(),
            contact.email(),
            contact.company(),
            contact.notes(),
            contact.isCustomer(),
            contact.doNotCall(),
            null,
            null));
    return show(model, contact, null);
  }

  @PostMapping("/contacts/{id}")
  String update(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @Valid @ModelAttribute("form") ContactPatch form,
      BindingResult binding,
      @RequestParam(required = false) String region,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    ContactView current = contacts.get(caller, id);
    if (binding.hasErrors()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("problem", FormProblem.of(binding));
      return show(model, current, region);
    }
    try {
      // The form sends every field: an emptied optional field is cleared (the API's ""), and an
      // unticked box is false.
      contacts.update(
          caller,
          id,
          new ContactPatch(
              form.name(),
              form.phoneNumber(),
              emptyIfNull(form.email()),
              emptyIfNull(form.company()),
              emptyIfNull(form.notes()),
              Boolean.TRUE.equals(form.isCustomer()),
              Boolean.TRUE.equals(form.doNotCall()),
              null,
              Regions.chosen(region)));
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      model.addAttribute("problem", inConsoleWords(FormProblem.of(e)));
      return show(model, current, region);
    }
    redirect.addFlashAttribute("notice", "Your changes are saved.");
    return "redirect:/contacts/" + id;
  }

  @PostMapping("/contacts/{id}/delete")
  String delete(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      RedirectAttributes redirect) {
    ContactView contact = contacts.get(caller, id);
    contacts.delete(caller, id);
    redirect.addFlashAttribute(
        "notice", contact.name() + " (" + contact.phoneNumber() + ") is deleted.");
    return "redirect:/contacts";
  }

  private static String form(Model model, String region) {
    regions(model, region);
    return "contacts/new";
  }

  private static String show(Model model, ContactView contact, String region) {
    model.addAttribute("contact", contact);
    regions(model, region);
    return "contacts/detail";
  }

  /**
   * A refusal in the console's words: the API's {@code default_region} is the form's "Default
   * country".
   */
  static FormProblem inConsoleWords(FormProblem problem) {
    Map<String, String> fields = new LinkedHashMap<>();
    problem.fields().forEach((field, message) -> fields.put(field, inConsoleWords(message)));
    return new FormProblem(inConsoleWords(problem.message()), fields);
  }

  static String inConsoleWords(String message) {
    return message == null
        ? null
        : message.replace("give a default_region", "choose a default country");
  }

  static void regions(Model model, String region) {
    model.addAttribute("region", region == null ? "" : region);
    model.addAttribute("commonRegions", Regions.COMMON);
    model.addAttribute("allRegions", Regions.ALL);
  }

  private static String emptyIfNull(String value) {
    return value == null ? "" : value;
  }
}
