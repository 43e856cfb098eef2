package dev.outdial.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenServiceTest {

  private static final String POSTGRES = "jdbc:postgresql://postgres:5432/outdial";
  private static final CurrentUser USER = new CurrentUser(UUID.randomUUID(), "a@b.c", Role.USER);

  @Test
  void outsideTheEmbeddedDefaultsTheAppRefusesToStartWithoutASharedSecret() {
    for (String missing : new String[] {"", "  "}) {
      assertThatThrownBy(
              () ->
                  new TokenService(
                      new JwtProperties(missing, Duration.ofHours(1)), Clock.systemUTC(), POSTGRES))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("OUTDIAL_JWT_SECRET is not set")
          .hasMessageContaining("SPRING_DATASOURCE_URL");
    }
  }

  @Test
  void onTheEmbeddedDefaultsAMissingSecretIsMadeAtStart() {
    var first = new TokenService(new JwtProperties("", Duration.ofHours(1)), Clock.systemUTC(), "");
    var second =
        new TokenService(new JwtProperties("", Duration.ofHours(1)), Clock.systemUTC(), null);

    String token = first.issue(USER).token();

    assertThat(first.decoder().decode(token).getSubject()).isEqualTo(USER.id().toString());
    assertThatThrownBy(() -> second.decoder().decode(token))
        .as("each start makes its own key")
        .isInstanceOf(Exception.class);
  }

  @Test
  void nodesSharingTheSecretAcceptEachOthersTokens() {
    JwtProperties shared =
        new JwtProperties("a-shared-secret-of-at-least-32-characters", Duration.ofHours(1));
    var apiNode = new TokenService(shared, Clock.systemUTC(), POSTGRES);
    var otherNode = new TokenService(shared, Clock.systemUTC(), POSTGRES);

    String token = apiNode.issue(USER).token();

    assertThat(otherNode.decoder().decode(token).getSubject()).isEqualTo(USER.id().toString());
  }
}
