package dev.outdial.app.oauth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * A GitHub account, which is OAuth 2 without OpenID Connect: its profile from {@code /user} and its
 * primary verified address from {@code /user/emails} (the profile's own address is whatever the
 * person chose to make public, verified or not).
 */
@Component
class GitHubUsers implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

  /** The attribute that holds the primary verified address, absent when there is none. */
  static final String VERIFIED_PRIMARY_EMAIL = "outdial_verified_primary_email";

  private final DefaultOAuth2UserService profiles = new DefaultOAuth2UserService();
  private final RestClient http = RestClient.create();
  private final ConfiguredProviders providers;

  GitHubUsers(ConfiguredProviders providers) {
    this.providers = providers;
  }

  @Override
  public OAuth2User loadUser(OAuth2UserRequest request) {
    OAuth2User profile = profiles.loadUser(request);
    Map<String, Object> attributes = new HashMap<>(profile.getAttributes());
    primaryVerifiedEmail(request.getAccessToken().getTokenValue())
        .ifPresent(email -> attributes.put(VERIFIED_PRIMARY_EMAIL, email));
    String nameAttribute =
        request
            .getClientRegistration()
            .getProviderDetails()
            .getUserInfoEndpoint()
            .getUserNameAttributeName();
    return new DefaultOAuth2User(profile.getAuthorities(), attributes, nameAttribute);
  }

  private java.util.Optional<String> primaryVerifiedEmail(String accessToken) {
    List<GitHubEmail> emails;
    try {
      emails =
          http.get()
              .uri(providers.githubApi() + "/user/emails")
              .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
              .accept(MediaType.APPLICATION_JSON)
              .retrieve()
              .body(new ParameterizedTypeReference<List<GitHubEmail>>() {});
    } catch (RestClientException e) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              "invalid_user_info_response",
              "GitHub did not give the account's email addresses: " + e.getMessage(),
              null),
          e);
    }
    if (emails == null) {
      return java.util.Optional.empty();
    }
    return emails.stream()
        .filter(email -> email.primary() && email.verified() && email.email() != null)
        .map(GitHubEmail::email)
        .findFirst();
  }

  /** One entry of GitHub's {@code GET /user/emails}. */
  record GitHubEmail(String email, boolean primary, boolean verified) {}
}
