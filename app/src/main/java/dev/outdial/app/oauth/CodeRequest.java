package dev.outdial.app.oauth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * What a provider's sign-in page sent back to an API client.
 *
 * @param code the authorization code
 * @param redirectUri the redirect address the client sent the person to the provider with
 * @param codeVerifier the PKCE verifier, when the client used one
 */
public record CodeRequest(
    @NotBlank @Size(max = 2048) String code,
    @NotBlank @Size(max = 2048) String redirectUri,
    @Size(max = 256) String codeVerifier) {}
