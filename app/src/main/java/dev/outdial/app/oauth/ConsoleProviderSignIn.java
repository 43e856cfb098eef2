package dev.outdial.app.oauth;

import dev.outdial.app.console.ConsoleSessions;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.user.IdentityProvider;
import dev.outdial.app.user.ProviderAccounts;
import dev.outdial.app.user.ProviderIdentity;
import dev.outdial.app.user.UserService;
import dev.outdial.app.user.UserView;
import dev.outdial.app.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * The end of a console sign-in with a provider: the account it opens (or makes), or, when the
 * person started from their profile's "Connect", the provider joined to the account they are signed
 * in to. Spring Security has put the provider's token in the session by now; it is always replaced
 * by the account's own sign-in, or removed.
 */
@Component
public class ConsoleProviderSignIn
    implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

  private static final Logger log = LoggerFactory.getLogger(ConsoleProviderSignIn.class);

  /** The session attribute of a "Connect" under way. */
  static final String CONNECTING = ConsoleProviderSignIn.class.getName() + ".connecting";

  /** The session attribute of a sign-in that was refused, shown once by the page it lands on. */
  public static final String PROBLEM = ConsoleProviderSignIn.class.getName() + ".problem";

  /** A sign-in that ended without a fault (declined at the provider), told as a notice. */
  public static final String NOTICE = ConsoleProviderSignIn.class.getName() + ".notice";

  /** How long a "Connect" may take at the provider before it counts as a plain sign-in. */
  static final Duration CONNECT_WINDOW = Duration.ofMinutes(10);

  private final ProviderAccounts accounts;
  private final UserService users;
  private final ConsoleSessions sessions;
  private final SecurityContextRepository contexts;
  private final ClientRegistrationRepository registrations;
  private final Clock clock;

  ConsoleProviderSignIn(
      ProviderAccounts accounts,
      UserService users,
      ConsoleSessions sessions,
      SecurityContextRepository consoleSecurityContexts,
      ConfiguredProviders registrations,
      Clock clock) {
    this.accounts = accounts;
    this.users = users;
    this.sessions = sessions;
    this.contexts = consoleSecurityContexts;
    this.registrations = registrations;
    this.clock = clock;
  }

  /** A "Connect" started by a signed-in account, kept in its session until the provider answers. */
  record Connecting(CurrentUser caller, IdentityProvider provider, Instant startedAt)
      implements Serializable {}

  void startConnecting(HttpSession session, CurrentUser caller, IdentityProvider provider) {
    session.setAttribute(CONNECTING, new Connecting(caller, provider, clock.instant()));
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
    IdentityProvider provider =
        IdentityProvider.byId(token.getAuthorizedClientRegistrationId()).orElseThrow();
    ProviderIdentity identity = ProviderIdentities.of(provider, token.getPrincipal());
    Connecting connecting = takeConnecting(request, provider);
    if (connecting != null) {
      connect(request, response, connecting, identity);
      return;
    }
    try {
      UserView user = accounts.signIn(identity, request.getRemoteAddr());
      sessions.signIn(user, request, response);
      response.sendRedirect(request.getContextPath() + "/");
    } catch (ApiException refused) {
      log.info("Sign-in with {} refused: {}", provider.displayName(), refused.getMessage());
      signOut(request, response);
      tell(request, refused.getMessage());
      response.sendRedirect(request.getContextPath() + "/login?error=provider");
    }
  }

  private void connect(
      HttpServletRequest request,
      HttpServletResponse response,
      Connecting connecting,
      ProviderIdentity identity)
      throws IOException {
    String outcome;
    UserView user;
    try {
      user = accounts.link(connecting.caller(), identity);
      outcome = "connected=" + identity.provider().id();
    } catch (ApiException refused) {
      log.info(
          "Connecting {} to {} refused: {}",
          identity.provider().displayName(),
          connecting.caller(),
          refused.getMessage());
      tell(request, refused.getMessage());
      user = users.me(connecting.caller());
      outcome = "connect-error";
    }
    // Signed in again as the account that asked, never as whoever the provider signed in.
    sessions.signIn(user, request, response);
    response.sendRedirect(request.getContextPath() + "/profile?" + outcome + "#sign-in-methods");
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    IdentityProvider provider = callbackProvider(request);
    String reason =
        exception instanceof OAuth2AuthenticationException oauth
            ? oauth.getError().getErrorCode() + ": " + oauth.getError().getDescription()
            : exception.getMessage();
    log.info(
        "A sign-in with {} did not complete: {}",
        provider == null ? "a provider" : provider.displayName(),
        reason);
    HttpSession session = request.getSession(false);
    boolean connecting = session != null && session.getAttribute(CONNECTING) != null;
    if (connecting) {
      session.removeAttribute(CONNECTING);
    }
    // Declined at the provider: nothing went wrong, so it is told as a notice, not a problem.
    boolean cancelled = FailedSignIns.cancelledByThePerson(exception);
    request
        .getSession()
        .setAttribute(cancelled ? NOTICE : PROBLEM, FailedSignIns.explain(exception, provider));
    String outcome = cancelled ? "cancelled" : "error";
    response.sendRedirect(
        request.getContextPath()
            + (connecting
                ? "/profile?connect-" + outcome + "#sign-in-methods"
                : "/login?" + outcome + "=provider"));
  }

  /** The provider named by the callback's path, {@code /login/oauth2/code/{provider}}. */
  private static IdentityProvider callbackProvider(HttpServletRequest request) {
    String path = request.getRequestURI();
    return IdentityProvider.byId(path.substring(path.lastIndexOf('/') + 1)).orElse(null);
  }

  private Connecting takeConnecting(HttpServletRequest request, IdentityProvider provider) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(CONNECTING) instanceof Connecting connecting)) {
      return null;
    }
    session.removeAttribute(CONNECTING);
    boolean current =
        connecting.provider() == provider
            && connecting.startedAt().plus(CONNECT_WINDOW).isAfter(clock.instant());
    return current ? connecting : null;
  }

  private void signOut(HttpServletRequest request, HttpServletResponse response) {
    SecurityContextHolder.clearContext();
    contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
  }

  private static void tell(HttpServletRequest request, String problem) {
    request.getSession().setAttribute(PROBLEM, problem);
  }

  /**
   * Where Spring Security would keep each person's provider tokens after sign-in: nowhere, since
   * nothing calls a provider's API on their behalf afterwards (by default they would stay in
   * memory, one per person, for the life of the node).
   */
  public OAuth2AuthorizedClientRepository keepNoProviderTokens() {
    return new OAuth2AuthorizedClientRepository() {
      @Override
      public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(
          String clientRegistrationId, Authentication principal, HttpServletRequest request) {
        return null;
      }

      @Override
      public void saveAuthorizedClient(
          OAuth2AuthorizedClient authorizedClient,
          Authentication principal,
          HttpServletRequest request,
          HttpServletResponse response) {}

      @Override
      public void removeAuthorizedClient(
          String clientRegistrationId,
          Authentication principal,
          HttpServletRequest request,
          HttpServletResponse response) {}
    };
  }

  /**
   * The redirect to a provider; a path naming no configured provider is left to the app, which
   * answers 404, instead of failing the request.
   */
  public OAuth2AuthorizationRequestResolver authorizationRequests() {
    DefaultOAuth2AuthorizationRequestResolver resolver =
        new DefaultOAuth2AuthorizationRequestResolver(
            registrations,
            OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
    return new OAuth2AuthorizationRequestResolver() {
      @Override
      public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        try {
          return resolver.resolve(request);
        } catch (IllegalArgumentException unknownProvider) {
          return null;
        }
      }

      @Override
      public OAuth2AuthorizationRequest resolve(
          HttpServletRequest request, String clientRegistrationId) {
        try {
          return resolver.resolve(request, clientRegistrationId);
        } catch (IllegalArgumentException unknownProvider) {
          return null;
        }
      }
    };
  }
}
