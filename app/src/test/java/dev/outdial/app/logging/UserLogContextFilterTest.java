package dev.outdial.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.security.Role;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class UserLogContextFilterTest {

  @AfterEach
  void signOut() {
    SecurityContextHolder.clearContext();
  }

  private String userIdLoggedDuringTheRequest() throws Exception {
    AtomicReference<String> logged = new AtomicReference<>();
    new UserLogContextFilter()
        .doFilter(
            new MockHttpServletRequest("GET", "/api/calls"),
            new MockHttpServletResponse(),
            (request, response) -> logged.set(MDC.get("user_id")));
    return logged.get();
  }

  @Test
  void aSignedInUsersRequestLogsTheirIdAndLeavesNothingBehind() throws Exception {
    UUID id = UUID.randomUUID();
    SecurityContextHolder.getContext()
        .setAuthentication(
            new TestingAuthenticationToken(new CurrentUser(id, "a@b.c", Role.USER), null));

    assertThat(userIdLoggedDuringTheRequest()).isEqualTo(id.toString());
    assertThat(MDC.get("user_id")).isNull();
  }

  @Test
  void anAnonymousRequestLogsNoUser() throws Exception {
    assertThat(userIdLoggedDuringTheRequest()).isNull();
  }
}
