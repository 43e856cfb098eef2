package dev.outdial.activities.bolna;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An agent as Outdial describes it, and its translation into Bolna's v2 {@code agent_config} and
 * {@code agent_prompts}.
 *
 * @param name shown in Bolna's dashboard
 * @param agentType {@code call} or {@code chat}
 * @param welcomeMessage the first sentence; may hold {@code {variables}} from user_data
 * @param prompt the system prompt of the conversation task
 * @param webhookUrl where Bolna posts every status change of the agent's calls
 * @param voiceConfig Bolna's synthesizer settings (empty: Bolna's defaults)
 * @param llmConfig Bolna's llm_agent settings
 * @param taskConfig Bolna's task_config (hangup_after_silence, call_terminate, ...)
 */
public record AgentSpec(
    String name,
    String agentType,
    String welcomeMessage,
    String prompt,
    String webhookUrl,
    Map<String, Object> voiceConfig,
    Map<String, Object> llmConfig,
    Map<String, Object> taskConfig) {

  /** The body of {@code POST /v2/agent}. */
  public ObjectNode toCreateBody(ObjectMapper json) {
    ObjectNode body = json.createObjectNode();
    ObjectNode config = body.putObject("agent_config");
    config.put("agent_name", name);
    config.put("agent_type", agentType == null ? "call" : agentType);
    config.put("agent_welcome_message", welcomeMessage == null ? "" : welcomeMessage);
    config.put("webhook_url", webhookUrl);
    ArrayNode tasks = config.putArray("tasks");
    ObjectNode task = tasks.addObject();
    task.put("task_type", "conversation");
    ObjectNode tools = task.putObject("tools_config");
    tools.putObject("llm_agent").set("llm_config", json.valueToTree(orEmpty(llmConfig)));
    tools.set("synthesizer", json.valueToTree(orEmpty(voiceConfig)));
    tools.putObject("transcriber").put("provider", "deepgram");
    tools.putObject("input").put("provider", "plivo").put("format", "wav");
    tools.putObject("output").put("provider", "plivo").put("format", "wav");
    ObjectNode toolchain = task.putObject("toolchain");
    toolchain.put("execution", "parallel");
    toolchain.putArray("pipelines").addArray().add("transcriber").add("llm").add("synthesizer");
    task.set("task_config", json.valueToTree(orEmpty(taskConfig)));
    body.set("agent_prompts", prompts(json));
    return body;
  }

  /**
   * The body of {@code PATCH /v2/agent/{id}}: the parts Bolna lets a partial update change (name,
   * welcome message, webhook, synthesizer, prompts). A {@code PUT} would drop the rest.
   */
  public ObjectNode toPatchBody(ObjectMapper json) {
    ObjectNode body = json.createObjectNode();
    ObjectNode config = body.putObject("agent_config");
    config.put("agent_name", name);
    config.put("agent_welcome_message", welcomeMessage == null ? "" : welcomeMessage);
    config.put("webhook_url", webhookUrl);
    if (voiceConfig != null && !voiceConfig.isEmpty()) {
      config.set("synthesizer", json.valueToTree(voiceConfig));
    }
    body.set("agent_prompts", prompts(json));
    return body;
  }

  private ObjectNode prompts(ObjectMapper json) {
    ObjectNode prompts = json.createObjectNode();
    prompts.putObject("task_1").put("system_prompt", prompt == null ? "" : prompt);
    return prompts;
  }

  private static Map<String, Object> orEmpty(Map<String, Object> map) {
    return map == null ? Map.of() : map;
  }
}
