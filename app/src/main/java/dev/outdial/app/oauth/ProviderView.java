package dev.outdial.app.oauth;

import java.util.Set;

/**
 * A provider an API client may sign in with: where to send the person, and as which client.
 *
 * @param id the provider's name in the API's paths and in {@code users.auth_provider}
 * @param authorizationUri the provider's sign-in page
 * @param scopes the scopes to ask for
 */
public record ProviderView(
    String id, String name, String authorizationUri, String clientId, Set<String> scopes) {}
