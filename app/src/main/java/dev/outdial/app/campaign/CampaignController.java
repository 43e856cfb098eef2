package dev.outdial.app.campaign;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/campaigns")
class CampaignController {

  private final CampaignService campaigns;
  private final CampaignRepository repository;

  CampaignController(CampaignService campaigns, CampaignRepository repository) {
    this.campaigns = campaigns;
    this.repository = repository;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @RequestBody CreateCampaignRequest request) {
    return campaigns.create(caller, request);
  }

  @GetMapping
  @Transactional(readOnly = true)
  Map<String, Object> list(
      @AuthenticationPrincipal CurrentUser caller, @RequestParam(required = false) Integer limit) {
    int size = limit == null ? 50 : limit;
    if (size < 1 || size > 500) {
      throw ApiException.badRequest("limit must be between 1 and 500");
    }
    List<Map<String, Object>> items =
        repository.findIds(caller.id(), null, null, size).stream()
            .map(id -> campaigns.view(caller, id))
            .toList();
    return Map.of("items", items);
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
    return campaigns.view(caller, id);
  }

  @GetMapping("/{id}/queue")
  @Transactional(readOnly = true)
  Map<String, Object> queue(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @RequestParam(name = "after_position", defaultValue = "0") int afterPosition,
      @RequestParam(required = false) Integer limit) {
    campaigns.view(caller, id);
    int size = limit == null ? 50 : Math.max(1, Math.min(500, limit));
    List<Map<String, Object>> items = repository.queue(caller.id(), id, afterPosition, size);
    return Map.of("items", items);
  }

  @PostMapping("/{id}/{action:start|pause|resume|cancel}")
  Map<String, Object> change(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @PathVariable String action) {
    return campaigns.change(caller, id, action);
  }
}
