package dev.outdial.app.oauth;

import dev.outdial.app.console.ConsoleController;
import dev.outdial.app.user.IdentityProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the console's pages know of provider sign-in: the providers offered, and a refused sign-in's
 * reason, shown once on the page it was sent to.
 */
@ControllerAdvice(annotations = ConsoleController.class)
class ProviderModel {

  private final ConfiguredProviders providers;

  ProviderModel(ConfiguredProviders providers) {
    this.providers = providers;
  }

  @ModelAttribute("signInProviders")
  List<IdentityProvider> signInProviders() {
    return providers.offered();
  }

  /** Each provider's name by its {@code users.auth_provider} value. */
  @ModelAttribute("providerNames")
  Map<String, String> providerNames() {
    return PROVIDER_NAMES;
  }

  private static final Map<String, String> PROVIDER_NAMES =
      Arrays.stream(IdentityProvider.values())
          .collect(
              Collectors.toUnmodifiableMap(IdentityProvider::id, IdentityProvider::displayName));

  /** Why the last sign-in with a provider was refused, on the page it was sent to. */
  @ModelAttribute("providerProblem")
  String providerProblem(HttpServletRequest request) {
    return takeOnce(request, ConsoleProviderSignIn.PROBLEM);
  }

  /** How the last sign-in with a provider ended when nothing went wrong (declined there). */
  @ModelAttribute("providerNotice")
  String providerNotice(HttpServletRequest request) {
    return takeOnce(request, ConsoleProviderSignIn.NOTICE);
  }

  private static String takeOnce(HttpServletRequest request, String attribute) {
    HttpSession session = request.getSession(false);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (session == null || !(path.equals("/login") || path.equals("/profile"))) {
      return null;
    }
    Object text = session.getAttribute(attribute);
    session.removeAttribute(attribute);
    return text instanceof String told ? told : null;
  }
}
