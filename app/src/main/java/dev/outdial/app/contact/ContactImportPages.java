package dev.outdial.app.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.console.FormProblem;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Importing contacts in the console, in three steps: upload a CSV file; see its columns, its first
 * rows and the columns the importer recognised, and change them; import, and read the report. The
 * file is read by the importer's own {@link ContactImportService#preview} and imported by the same
 * {@link ContactImportService#importCsv} as {@code POST /api/contacts/import}; between the steps it
 * waits in {@link ImportUploads}.
 */
@ConsoleController
class ContactImportPages {

  static final int PREVIEW_ROWS = 5;

  /** How the report and the mapping step name the exports the importer recognises. */
  static final Map<String, String> FORMATS =
      Map.of(
          "hubspot", "a HubSpot export",
          "google_contacts", "a Google Contacts export",
          "salesforce", "a Salesforce report",
          "outlook", "an Outlook export",
          "standard", "a sheet with standard column names",
          "custom", "the columns you chose");

  private final ContactImportService imports;
  private final ImportUploads uploads;
  private final ObjectMapper json;

  ContactImportPages(ContactImportService imports, ImportUploads uploads, ObjectMapper json) {
    this.imports = imports;
    this.uploads = uploads;
    this.json = json;
  }

  /**
   * The mapping step's form: the columns for the name (joined with spaces, in order), the phone
   * number and the optional fields, by their headers; blank is none.
   */
  record Mapping(
      String name1,
      String name2,
      String name3,
      String phone,
      String email,
      String company,
      String notes,
      String region) {

    static Mapping of(ImportReport.Mapping recognised) {
      if (recognised == null) {
        return new Mapping("", "", "", "", "", "", "", "");
      }
      List<String> name = recognised.name();
      return new Mapping(
          name.size() > 0 ? name.get(0) : "",
          name.size() > 1 ? name.get(1) : "",
          name.size() > 2 ? name.get(2) : "",
          orEmpty(recognised.phoneNumber()),
          orEmpty(recognised.email()),
          orEmpty(recognised.company()),
          orEmpty(recognised.notes()),
          "");
    }

    List<String> name() {
      return Stream.of(name1, name2, name3).filter(ContactImportPages::chosen).toList();
    }

    /** Whether this is exactly what the importer recognised, so no mapping need be sent. */
    boolean sameAs(ImportReport.Mapping recognised) {
      return recognised != null
          && name().equals(recognised.name())
          && Objects.equals(orNull(phone), recognised.phoneNumber())
          && Objects.equals(orNull(email), recognised.email())
          && Objects.equals(orNull(company), recognised.company())
          && Objects.equals(orNull(notes), recognised.notes());
    }

    /** The importer's {@code mapping}: {"name": [...], "phone_number": "...", ...}. */
    Map<String, Object> json() {
      Map<String, Object> mapping = new LinkedHashMap<>();
      mapping.put("name", name());
      mapping.put("phone_number", phone);
      if (chosen(email)) {
        mapping.put("email", email);
      }
      if (chosen(company)) {
        mapping.put("company", company);
      }
      if (chosen(notes)) {
        mapping.put("notes", notes);
      }
      return mapping;
    }
  }

  @GetMapping("/contacts/import")
  String uploadForm() {
    return "contacts/import-upload";
  }

  @PostMapping("/contacts/import")
  String upload(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(name = "file", required = false) MultipartFile file,
      HttpSession session,
      Model model,
      HttpServletResponse response)
      throws IOException {
    if (file == null || file.isEmpty()) {
      return uploadRefused(
          model,
          response,
          HttpStatus.BAD_REQUEST,
          file == null || file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
              ? "Choose a CSV file to upload."
              : "The file "
                  + file.getOriginalFilename()
                  + " is empty. Choose a CSV file with a"
                  + " header row and your contacts below it.");
    }
    if (file.getSize() > ImportUploads.MAX_BYTES) {
      return uploadRefused(
          model,
          response,
          HttpStatus.PAYLOAD_TOO_LARGE,
          "The file is "
              + megabytes(file.getSize())
              + "; the console imports files up to "
              + megabytes(ImportUploads.MAX_BYTES)
              + ". Split it into smaller files, or send it to the API (POST /api/contacts/import),"
              + " which takes larger ones.");
    }
    ImportUploads.Upload upload = uploads.keep(session, caller, file);
    try (InputStream in = uploads.open(upload).orElseThrow()) {
      imports.preview(in, PREVIEW_ROWS);
    } catch (ApiException e) {
      uploads.discard(session, upload);
      return uploadRefused(
          model,
          response,
          e.status(),
          "The file " + upload.filename() + " cannot be imported. " + sentence(e.getMessage()));
    }
    return "redirect:/contacts/import/" + upload.id();
  }

  @GetMapping("/contacts/import/{upload}")
  String mappingStep(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable("upload") String id,
      HttpSession session,
      Model model,
      HttpServletResponse response) {
    Optional<ImportUploads.Upload> upload = uploads.find(session, caller, id);
    if (upload.isEmpty()) {
      return gone(model, response);
    }
    ImportPreview preview = preview(upload.get());
    if (preview == null) {
      return gone(model, response);
    }
    model.addAttribute("mapping", Mapping.of(preview.recognised()));
    return mappingPage(model, upload.get(), preview);
  }

  @PostMapping("/contacts/import/{upload}")
  String importFile(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable("upload") String id,
      @ModelAttribute("mapping") Mapping mapping,
      HttpSession session,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect)
      throws IOException, JsonProcessingException {
    Optional<ImportUploads.Upload> found = uploads.find(session, caller, id);
    ImportPreview preview = found.map(this::preview).orElse(null);
    if (preview == null) {
      return gone(model, response);
    }
    ImportUploads.Upload upload = found.get();
    Map<String, String> missing = new LinkedHashMap<>();
    if (mapping.name().isEmpty()) {
      missing.put("name1", "Choose the column with the name, or with the first name.");
    }
    if (!chosen(mapping.phone())) {
      missing.put("phone", "Choose the column with the phone number.");
    }
    if (!missing.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute(
          "problem", new FormProblem("Say which columns hold the name and the number.", missing));
      return mappingPage(model, upload, preview);
    }
    // What the importer recognised goes as no mapping at all, so the report names the export.
    String explicit =
        mapping.sameAs(preview.recognised()) ? null : json.writeValueAsString(mapping.json());
    ImportReport report;
    try (InputStream in = uploads.open(upload).orElseThrow()) {
      report = imports.importCsv(caller, in, Regions.chosen(mapping.region()), explicit);
    } catch (ApiException e) {
      response.setStatus(e.status().value());
      model.addAttribute("problem", FormProblem.of(e));
      return mappingPage(model, upload, preview);
    }
    uploads.discard(session, upload);
    redirect.addFlashAttribute("report", report);
    redirect.addFlashAttribute("filename", upload.filename());
    return "redirect:/contacts/import/report";
  }

  @GetMapping("/contacts/import/report")
  String report(Model model) {
    if (!model.containsAttribute("report")) {
      return "redirect:/contacts/import";
    }
    model.addAttribute("formats", FORMATS);
    return "contacts/import-report";
  }

  private ImportPreview preview(ImportUploads.Upload upload) {
    Optional<InputStream> file = uploads.open(upload);
    if (file.isEmpty()) {
      return null;
    }
    try (InputStream in = file.get()) {
      return imports.preview(in, PREVIEW_ROWS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String mappingPage(Model model, ImportUploads.Upload upload, ImportPreview preview) {
    model.addAttribute("upload", upload);
    model.addAttribute("preview", preview);
    model.addAttribute("formats", FORMATS);
    model.addAttribute("size", megabytes(upload.size()));
    Mapping chosen = (Mapping) model.getAttribute("mapping");
    ContactPages.regions(model, chosen == null ? null : chosen.region());
    return "contacts/import-mapping";
  }

  private static String uploadRefused(
      Model model, HttpServletResponse response, HttpStatus status, String message) {
    response.setStatus(status.value());
    model.addAttribute("problem", FormProblem.of(message));
    return "contacts/import-upload";
  }

  private static String gone(Model model, HttpServletResponse response) {
    return uploadRefused(
        model,
        response,
        HttpStatus.NOT_FOUND,
        "That upload is no longer here: uploaded files are kept until they are imported, for as"
            + " long as you stay signed in. Upload the file again.");
  }

  private static String megabytes(long bytes) {
    return bytes < 1024 * 1024
        ? Math.max(1, bytes / 1024) + " KB"
        : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  /** A message of the importer as a sentence: a capital first letter and a full stop. */
  private static String sentence(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String text = Character.toUpperCase(message.charAt(0)) + message.substring(1);
    return text.endsWith(".") ? text : text + ".";
  }

  private static boolean chosen(String column) {
    return column != null && !column.isBlank();
  }

  private static String orNull(String column) {
    return chosen(column) ? column : null;
  }

  private static String orEmpty(String column) {
    return column == null ? "" : column;
  }
}
