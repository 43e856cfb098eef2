package dev.outdial.app.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.user.IdentityProvider;
import org.junit.jupiter.api.Test;

class ConfiguredProvidersTest {

  private static final OAuthSettings.Provider NONE =
      new OAuthSettings.Provider(null, null, null, null, null);

  private static OAuthSettings.Provider client(String id) {
    return new OAuthSettings.Provider(id, id + "-secret", null, null, null);
  }

  @Test
  void aProviderIsOfferedOnlyWithBothItsClientIdAndSecret() {
    var providers =
        new ConfiguredProviders(
            new OAuthSettings(
                client("g"), new OAuthSettings.Provider("gh", " ", null, null, null), NONE),
            "");

    assertThat(providers.offered()).containsExactly(IdentityProvider.GOOGLE);
    assertThat(providers.findByRegistrationId("github")).isNull();
    assertThat(providers.findByRegistrationId("linkedin")).isNull();
    assertThat(providers.findByRegistrationId("myspace")).isNull();
    assertThat(new ConfiguredProviders(new OAuthSettings(NONE, NONE, NONE), "").offered())
        .isEmpty();
  }

  @Test
  void thePublicProvidersEndpointsAreUsedAndPeopleComeBackToThePublicUrl() {
    var providers =
        new ConfiguredProviders(
            new OAuthSettings(client("g"), client("gh"), client("li")),
            "https://app.outdial.example/");

    var google = providers.findByRegistrationId("google");
    assertThat(google.getClientId()).isEqualTo("g");
    assertThat(google.getScopes()).contains("openid", "email");
    assertThat(google.getProviderDetails().getIssuerUri()).isEqualTo("https://accounts.google.com");
    assertThat(google.getRedirectUri())
        .isEqualTo("https://app.outdial.example/login/oauth2/code/{registrationId}");
    var linkedIn = providers.findByRegistrationId("linkedin");
    assertThat(linkedIn.getProviderDetails().getIssuerUri())
        .isEqualTo("https://www.linkedin.com/oauth");
    assertThat(linkedIn.getScopes()).containsExactlyInAnyOrder("openid", "profile", "email");
    var gitHub = providers.findByRegistrationId("github");
    assertThat(gitHub.getProviderDetails().getAuthorizationUri())
        .isEqualTo("https://github.com/login/oauth/authorize");
    assertThat(gitHub.getProviderDetails().getUserInfoEndpoint().getUri())
        .isEqualTo("https://api.github.com/user");
    assertThat(gitHub.getScopes()).containsExactlyInAnyOrder("read:user", "user:email");
    assertThat(providers.githubApi()).isEqualTo("https://api.github.com");
    assertThat(providers.signInOrigins())
        .containsExactly(
            "https://accounts.google.com", "https://github.com", "https://www.linkedin.com");
  }

  @Test
  void withoutAPublicUrlPeopleComeBackToTheAddressTheyUsedAndGitHubMayBeElsewhere() {
    var providers =
        new ConfiguredProviders(
            new OAuthSettings(
                NONE,
                new OAuthSettings.Provider(
                    "gh", "s", null, "http://localhost:9000/", "http://localhost:9000/api/"),
                NONE),
            "");

    var gitHub = providers.findByRegistrationId("github");
    assertThat(gitHub.getRedirectUri()).isEqualTo("{baseUrl}/login/oauth2/code/{registrationId}");
    assertThat(gitHub.getProviderDetails().getTokenUri())
        .isEqualTo("http://localhost:9000/login/oauth/access_token");
    assertThat(providers.githubApi()).isEqualTo("http://localhost:9000/api");
    assertThat(providers.signInOrigins()).containsExactly("http://localhost:9000");
  }
}
