package dev.outdial.app.console;

import dev.outdial.app.user.UserView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/** Starts a console session for a user who just signed up, as the sign-in form would. */
@Component
public class ConsoleSessions {

  private final SecurityContextRepository repository;

  ConsoleSessions(SecurityContextRepository consoleSecurityContexts) {
    this.repository = consoleSecurityContexts;
  }

  public void signIn(UserView user, HttpServletRequest request, HttpServletResponse response) {
    // A new session id, so that an id planted before sign-up is worth nothing after it.
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(ConsoleAuthenticationProvider.signedIn(user));
    SecurityContextHolder.setContext(context);
    repository.saveContext(context, request, response);
  }
}
