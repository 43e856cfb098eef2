package dev.outdial.app.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.outdial.app.user.IdentityProvider;
import dev.outdial.app.user.ProviderIdentity;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;

class ProviderIdentitiesTest {

  private static DefaultOidcUser oidc(Map<String, Object> claims) {
    Map<String, Object> all = new HashMap<>(claims);
    all.put("sub", "subject-1");
    OidcIdToken token =
        new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(60), all);
    return new DefaultOidcUser(List.of(new SimpleGrantedAuthority("OIDC_USER")), token);
  }

  @Test
  void anOpenIdConnectPersonIsTheirSubjectAddressVerifiedClaimAndName() {
    ProviderIdentity identity =
        ProviderIdentities.of(
            IdentityProvider.LINKEDIN,
            oidc(Map.of("email", "lin@example.com", "email_verified", "true", "name", "Lin K")));

    assertThat(identity)
        .isEqualTo(
            new ProviderIdentity(
                IdentityProvider.LINKEDIN, "subject-1", "lin@example.com", true, "Lin K"));
  }

  @Test
  void withoutAVerifiedClaimTheAddressIsNotVouchedForAndTheNameIsPutTogether() {
    ProviderIdentity identity =
        ProviderIdentities.of(
            IdentityProvider.GOOGLE,
            oidc(Map.of("email", "g@example.com", "given_name", "Grace", "family_name", "H")));

    assertThat(identity.emailVerified()).isFalse();
    assertThat(identity.name()).isEqualTo("Grace H");
  }

  @Test
  void aGitHubPersonIsTheirNumericIdAndPrimaryVerifiedAddressWithTheLoginForAName() {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("id", 583231);
    attributes.put("login", "octocat");
    attributes.put("email", "public@example.com");
    attributes.put(GitHubUsers.VERIFIED_PRIMARY_EMAIL, "primary@example.com");
    var user =
        new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")), attributes, "id");

    assertThat(ProviderIdentities.of(IdentityProvider.GITHUB, user))
        .isEqualTo(
            new ProviderIdentity(
                IdentityProvider.GITHUB, "583231", "primary@example.com", true, "octocat"));

    attributes.remove(GitHubUsers.VERIFIED_PRIMARY_EMAIL);
    var unverified =
        new DefaultOAuth2User(List.of(new SimpleGrantedAuthority("OAUTH2_USER")), attributes, "id");
    ProviderIdentity withoutAddress = ProviderIdentities.of(IdentityProvider.GITHUB, unverified);
    assertThat(withoutAddress.email()).isNull();
    assertThat(withoutAddress.emailVerified()).isFalse();
  }
}
