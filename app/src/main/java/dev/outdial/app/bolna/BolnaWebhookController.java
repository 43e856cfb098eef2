package dev.outdial.app.bolna;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bolna's execution payloads. Authenticated by the shared secret, not a bearer token; answers as
 * soon as the delivery is stored.
 */
@RestController
class BolnaWebhookController {

  private final BolnaWebhookService webhooks;

  BolnaWebhookController(BolnaWebhookService webhooks) {
    this.webhooks = webhooks;
  }

  @PostMapping("/webhooks/bolna")
  Map<String, Object> receive(
      @RequestParam(name = "token", required = false) String token,
      @RequestHeader(name = "X-Outdial-Webhook-Token", required = false) String headerToken,
      HttpServletRequest request)
      throws IOException {
    var stored =
        webhooks.receive(
            headerToken != null ? headerToken : token,
            request.getRemoteAddr(),
            request.getInputStream());
    return Map.of("received", true, "event_id", stored);
  }
}
