package dev.outdial.app.logging;

import dev.outdial.app.security.CurrentUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the signed-in user's id ({@code user_id}) on every log line of the request, after Spring
 * Security has found who it is; a structured log then ties each line to its user.
 */
public class UserLogContextFilter extends OncePerRequestFilter {

  static final String USER_ID = "user_id";

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
      MDC.put(USER_ID, user.id().toString());
    }
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(USER_ID);
    }
  }
}
