package dev.outdial.app.agent;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.console.FormProblem;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.PageRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's agents: the list, a new agent, an agent's page with its edit form, and deleting
 * one. Every change goes through the same {@link AgentService} methods as {@code /api/agents}.
 */
@ConsoleController
class AgentPages {

  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  private final AgentService agents;
  private final ObjectMapper json;

  AgentPages(AgentService agents, ObjectMapper json) {
    this.agents = agents;
    this.json = json;
  }

  /**
   * The three Bolna configurations as the form's JSON text areas; blank is no configuration.
   *
   * @param voice {@code bolna_voice_config}
   * @param llm {@code bolna_llm_config}
   * @param task {@code bolna_task_config}
   */
  record Configs(String voice, String llm, String task) {
    static final Configs NONE = new Configs("", "", "");
  }

  @GetMapping("/agents")
  String list(
      @AuthenticationPrincipal CurrentUser caller,
      @RequestParam(required = false) String cursor,
      Model model) {
    model.addAttribute("agents", agents.list(caller, PageRequest.of(null, cursor)));
    model.addAttribute("firstPage", cursor == null || cursor.isBlank());
    return "agents/list";
  }

  @GetMapping("/agents/new")
  String newAgent(Model model) {
    model.addAttribute("form", new CreateAgentRequest("", "", "call", "", "", null, null, null));
    model.addAttribute("configs", Configs.NONE);
    return "agents/new";
  }

  @PostMapping("/agents")
  String create(
      @AuthenticationPrincipal CurrentUser caller,
      @Valid @ModelAttribute("form") CreateAgentRequest form,
      BindingResult binding,
      @ModelAttribute("configs") Configs configs,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    Map<String, String> wrong = new LinkedHashMap<>();
    Map<String, Object> voice = parse(configs.voice(), "voice", wrong);
    Map<String, Object> llm = parse(configs.llm(), "llm", wrong);
    Map<String, Object> task = parse(configs.task(), "task", wrong);
    if (binding.hasErrors() || !wrong.isEmpty()) {
      return refused(model, response, problem(binding, wrong), "agents/new");
    }
    AgentView agent;
    try {
      agent =
          agents.create(
              caller,
              new CreateAgentRequest(
                  form.name(),
                  form.description(),
                  form.agentType(),
                  form.welcomeMessage(),
                  form.prompt(),
                  voice,
                  llm,
                  task));
    } catch (ApiException e) {
      return refused(model, response, e, "agents/new");
    }
    redirect.addFlashAttribute(
        "notice", "The agent " + agent.name() + " is ready at Bolna. Use it in a campaign.");
    return "redirect:/agents/" + agent.id();
  }

  @GetMapping("/agents/{id}")
  String agent(@AuthenticationPrincipal CurrentUser caller, @PathVariable UUID id, Model model) {
    AgentView agent = agents.get(caller, id);
    model.addAttribute("form", patchOf(agent));
    model.addAttribute("configs", configsOf(agent));
    return show(model, agent);
  }

  @PostMapping("/agents/{id}")
  String update(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      @Valid @ModelAttribute("form") AgentPatch form,
      BindingResult binding,
      @ModelAttribute("configs") Configs configs,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    AgentView current = agents.get(caller, id);
    Map<String, String> wrong = new LinkedHashMap<>();
    Map<String, Object> voice = parseOrEmpty(configs.voice(), "voice", wrong);
    Map<String, Object> llm = parseOrEmpty(configs.llm(), "llm", wrong);
    Map<String, Object> task = parseOrEmpty(configs.task(), "task", wrong);
    if (binding.hasErrors() || !wrong.isEmpty()) {
      return refused(model, response, problem(binding, wrong), show(model, current));
    }
    try {
      agents.update(
          caller,
          id,
          new AgentPatch(
              form.name(),
              form.description(),
              Boolean.TRUE.equals(form.isActive()),
              form.welcomeMessage(),
              form.prompt(),
              voice,
              llm,
              task));
    } catch (ApiException e) {
      return refused(model, response, e, show(model, current));
    }
    redirect.addFlashAttribute("notice", "Your changes are saved, here and at Bolna.");
    return "redirect:/agents/" + id;
  }

  @PostMapping("/agents/{id}/delete")
  String delete(
      @AuthenticationPrincipal CurrentUser caller,
      @PathVariable UUID id,
      Model model,
      HttpServletResponse response,
      RedirectAttributes redirect) {
    AgentView agent = agents.get(caller, id);
    try {
      agents.delete(caller, id);
    } catch (ApiException e) {
      model.addAttribute("form", patchOf(agent));
      model.addAttribute("configs", configsOf(agent));
      model.addAttribute("deleteProblem", FormProblem.of(e));
      response.setStatus(e.status().value());
      return show(model, agent);
    }
    redirect.addFlashAttribute("notice", "The agent " + agent.name() + " is deleted.");
    return "redirect:/agents";
  }

  private static String show(Model model, AgentView agent) {
    model.addAttribute("agent", agent);
    return "agents/detail";
  }

  private static AgentPatch patchOf(AgentView agent) {
    return new AgentPatch(
        agent.name(),
        agent.description(),
        agent.isActive(),
        agent.welcomeMessage(),
        agent.prompt(),
        null,
        null,
        null);
  }

  private Configs configsOf(AgentView agent) {
    return new Configs(
        write(agent.bolnaVoiceConfig()),
        write(agent.bolnaLlmConfig()),
        write(agent.bolnaTaskConfig()));
  }

  private String write(Map<String, Object> config) {
    if (config == null || config.isEmpty()) {
      return "";
    }
    try {
      return json.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored configuration is not JSON", e);
    }
  }

  /** A text area's JSON object; blank is none (null); a fault is noted under the field. */
  private Map<String, Object> parse(String text, String field, Map<String, String> wrong) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      Object value = json.readValue(text, Object.class);
      if (value instanceof Map<?, ?>) {
        return json.readValue(text, OBJECT);
      }
      wrong.put(field, "must be a JSON object, written in braces: {\"key\": \"value\"}");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      wrong.put(
          field,
          "is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + ". Write a JSON object such as {\"key\": \"value\"}, or leave it empty.");
    }
    return null;
  }

  /** As {@link #parse}, but blank clears the configuration (an empty object). */
  private Map<String, Object> parseOrEmpty(String text, String field, Map<String, String> wrong) {
    Map<String, Object> value = parse(text, field, wrong);
    return value == null ? Map.of() : value;
  }

  private static FormProblem problem(BindingResult binding, Map<String, String> wrong) {
    FormProblem bound = FormProblem.of(binding);
    Map<String, String> fields = new LinkedHashMap<>(bound.fields());
    wrong.forEach(fields::putIfAbsent);
    return new FormProblem(bound.message(), fields);
  }

  private static String refused(
      Model model, HttpServletResponse response, FormProblem problem, String view) {
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    model.addAttribute("problem", problem);
    return view;
  }

  private static String refused(
      Model model, HttpServletResponse response, ApiException e, String view) {
    response.setStatus(e.status().value());
    model.addAttribute("problem", FormProblem.of(e));
    return view;
  }
}
