package dev.outdial.app.agent;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import dev.outdial.app.web.PathIds;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/agents")
class AgentController {

  private final AgentService agents;

  AgentController(AgentService agents) {
    this.agents = agents;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  AgentView create(
      @AuthenticationPrincipal CurrentUser caller, @Valid @RequestBody CreateAgentRequest request) {
    return agents.create(caller, request);
  }

  @GetMapping
  Page<AgentView> list(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    return agents.list(caller, PageRequest.of(limit, cursor));
  }

  @GetMapping("/" + PathIds.ID)
  AgentView get(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
    return agents.get(caller, id);
  }

  @PatchMapping("/" + PathIds.ID)
  AgentView update(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @Valid @RequestBody AgentPatch patch) {
    return agents.update(caller, id, patch);
  }

  @DeleteMapping("/" + PathIds.ID)
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id) {
    agents.delete(caller, id);
  }
}
