package dev.outdial.app.campaign;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.Cursor;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
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
  Page<Map<String, Object>> list(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    PageRequest request = PageRequest.of(limit, cursor);
    Cursor after = request.cursor();
    Page<CampaignRepository.Listed> page =
        Cursor.page(
            repository.list(
                caller.id(),
                after == null ? null : after.at(),
                after == null ? null : after.id(),
                request.fetchSize()),
            request,
            listed -> new Cursor(listed.createdAt(), listed.id()));
    return new Page<>(
        page.items().stream().map(listed -> campaigns.view(caller, listed.id())).toList(),
        page.nextCursor());
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
    return campaigns.view(caller, id);
  }

  /** The queue in calling order; its cursor is the position of the last item of a page. */
  @GetMapping("/{id}/queue")
  @Transactional(readOnly = true)
  Page<Map<String, Object>> queue(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    campaigns.view(caller, id);
    PageRequest request = PageRequest.of(limit, null);
    int afterPosition = QueuePosition.decode(cursor);
    List<Map<String, Object>> rows =
        repository.queue(caller.id(), id, afterPosition, request.fetchSize());
    if (rows.size() <= request.limit()) {
      return new Page<>(rows, null);
    }
    List<Map<String, Object>> items = List.copyOf(rows.subList(0, request.limit()));
    return new Page<>(
        items, QueuePosition.encode((Integer) items.get(items.size() - 1).get("position")));
  }

  @PostMapping("/{id}/{action:start|pause|resume|cancel}")
  Map<String, Object> change(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @PathVariable String action) {
    return campaigns.change(caller, id, action);
  }
}
