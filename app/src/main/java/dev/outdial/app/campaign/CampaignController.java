package dev.outdial.app.campaign;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import dev.outdial.app.web.PathIds;
import jakarta.validation.Valid;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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

  CampaignController(CampaignService campaigns) {
    this.campaigns = campaigns;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @RequestBody CreateCampaignRequest request) {
    return campaigns.create(caller, request);
  }

  @GetMapping
  Page<Map<String, Object>> list(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return campaigns.list(caller, PageRequest.of(limit, cursor));
  }

  @GetMapping("/" + PathIds.ID)
  Map<String, Object> get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
    return campaigns.view(caller, id);
  }

  /** The queue in calling order; its cursor is the position of the last item of a page. */
  @GetMapping("/" + PathIds.ID + "/queue")
  Page<Map<String, Object>> queue(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return campaigns.queue(caller, id, limit, cursor);
  }

  @PostMapping("/" + PathIds.ID + "/{action:start|pause|resume|cancel}")
  Map<String, Object> change(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @PathVariable String action) {
    return campaigns.change(caller, id, action);
  }
}
