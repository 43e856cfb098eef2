package dev.outdial.app.console;

import dev.outdial.app.security.CurrentUsers;
import dev.outdial.app.security.UserAuthentication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a signed-in console user's row on each request, as bearer tokens do: a deactivated or
 * deleted account is signed out at its next click, and a changed role applies at once.
 */
class SessionUserFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(SessionUserFilter.class);

  private final CurrentUsers users;

  SessionUserFilter(CurrentUsers users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof UserAuthentication session) {
      Optional<CurrentUsers.Loaded> loaded = users.load(session.user().id());
      if (loaded.isEmpty() || !loaded.get().active()) {
        log.info("Signing out console session of {}: account gone or deactivated", session.user());
        SecurityContextHolder.clearContext();
        HttpSession httpSession = request.getSession(false);
        if (httpSession != null) {
          httpSession.invalidate();
        }
      } else if (!loaded.get().user().equals(session.user())) {
        SecurityContextHolder.getContext()
            .setAuthentication(new UserAuthentication(loaded.get().user()));
      }
    }
    chain.doFilter(request, response);
  }
}
