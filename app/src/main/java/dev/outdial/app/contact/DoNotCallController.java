package dev.outdial.app.contact;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The tenant's do-not-call list at {@code /api/do-not-call}, the platform's at {@code
 * /api/admin/do-not-call} (administrators read it, a super_admin changes it).
 */
@RestController
class DoNotCallController {

  private static final String OWN = "/api/do-not-call";
  private static final String PLATFORM = "/api/admin/do-not-call";

  private final DoNotCallService lists;

  DoNotCallController(DoNotCallService lists) {
    this.lists = lists;
  }

  @GetMapping({OWN, PLATFORM})
  Page<DoNotCallView> list(
      @AuthenticationPrincipal CurrentUser caller,
      HttpServletRequest http,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return lists.list(caller, platform(http), PageRequest.of(limit, cursor));
  }

  @PostMapping(
      path = {OWN, PLATFORM},
      consumes = "application/json")
  ResponseEntity<DoNotCallAdded> add(
      @AuthenticationPrincipal CurrentUser caller,
      HttpServletRequest http,
      @Valid @RequestBody AddDoNotCallRequest request) {
    DoNotCallAdded added = lists.add(caller, platform(http), request);
    return ResponseEntity.status(added.alreadyListed() ? HttpStatus.OK : HttpStatus.CREATED)
        .body(added);
  }

  // No letters: "import" is a path of its own, never a number.
  @DeleteMapping({OWN + "/{phoneNumber:[^a-zA-Z]+}", PLATFORM + "/{phoneNumber:[^a-zA-Z]+}"})
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void remove(
      @AuthenticationPrincipal CurrentUser caller,
      HttpServletRequest http,
      @PathVariable String phoneNumber) {
    lists.remove(caller, platform(http), phoneNumber);
  }

  /** A CSV file sent as the request body: a phone column and an optional {@code reason}. */
  @PostMapping(
      path = {OWN + "/import", PLATFORM + "/import"},
      consumes = {"text/csv", "text/plain", "application/csv"})
  DoNotCallImportReport importCsv(
      @AuthenticationPrincipal CurrentUser caller,
      HttpServletRequest http,
      @RequestParam(name = "default_region", required = false) String defaultRegion)
      throws IOException {
    return lists.importCsv(caller, platform(http), http.getInputStream(), defaultRegion);
  }

  /** A CSV file uploaded as the multipart field {@code file}. */
  @PostMapping(
      path = {OWN + "/import", PLATFORM + "/import"},
      consumes = "multipart/form-data")
  DoNotCallImportReport importMultipart(
      @AuthenticationPrincipal CurrentUser caller,
      HttpServletRequest http,
      @RequestParam(name = "default_region", required = false) String defaultRegion,
      @RequestPart("file") MultipartFile file)
      throws IOException {
    try (InputStream in = file.getInputStream()) {
      return lists.importCsv(caller, platform(http), in, defaultRegion);
    }
  }

  private static boolean platform(HttpServletRequest http) {
    return http.getRequestURI().startsWith(PLATFORM);
  }
}
