package dev.outdial.app.contact;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.CsvExport;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import dev.outdial.app.web.PathIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@RequestMapping("/api/contacts")
class ContactController {

  private final ContactService contacts;
  private final ContactImportService imports;
  private final CsvExport csv;

  ContactController(ContactService contacts, ContactImportService imports, CsvExport csv) {
    this.csv = csv;
    this.contacts = contacts;
    this.imports = imports;
  }

  /** A CSV file sent as the request body. */
  @PostMapping(
      path = "/import",
      consumes = {"text/csv", "text/plain", "application/csv"})
  ImportReport importCsv(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(name = "default_region", required = false) String defaultRegion,
      @RequestParam(required = false) String mapping,
      HttpServletRequest request)
      throws IOException {
    return imports.importCsv(caller, request.getInputStream(), defaultRegion, mapping);
  }

  /** A CSV file uploaded as the multipart field {@code file}. */
  @PostMapping(path = "/import", consumes = "multipart/form-data")
  ImportReport importMultipart(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(name = "default_region", required = false) String defaultRegion,
      @RequestParam(required = false) String mapping,
      @RequestPart("file") MultipartFile file)
      throws IOException {
    try (InputStream in = file.getInputStream()) {
      return imports.importCsv(caller, in, defaultRegion, mapping);
    }
  }

  @PostMapping(consumes = "application/json")
  @ResponseStatus(HttpStatus.CREATED)
  ContactView create(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @RequestBody CreateContactRequest request) {
    return contacts.create(caller, request);
  }

  /** The list's contacts, every one, as CSV ({@code contacts.csv}), streamed. */
  @GetMapping(path = "/export.csv", produces = "text/csv")
  ResponseEntity<StreamingResponseBody> export(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String search,
      @RequestParam(name = "is_customer", required = false) Boolean isCustomer) {
    return csv.response("contacts.csv", contacts.export(caller, search, isCustomer));
  }

  @GetMapping
  Page<ContactView> list(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String search,
      @RequestParam(name = "is_customer", required = false) Boolean isCustomer,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return contacts.list(caller, search, isCustomer, PageRequest.of(limit, cursor));
  }

  @GetMapping("/" + PathIds.ID)
  ContactView get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
    return contacts.get(caller, id);
  }

  @PatchMapping("/" + PathIds.ID)
  ContactView update(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @Valid @RequestBody ContactPatch patch) {
    return contacts.update(caller, id, patch);
  }

  @DeleteMapping("/" + PathIds.ID)
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
    contacts.delete(caller, id);
  }
}
