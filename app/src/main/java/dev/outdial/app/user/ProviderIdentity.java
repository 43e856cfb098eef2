package dev.outdial.app.user;

/**
 * Who a provider says signed in.
 *
 * @param subject the provider's own id of the person, stable across sign-ins (OpenID Connect's
 *     {@code sub}, GitHub's numeric user id)
 * @param email the address the provider gives, or null when it gives none
 * @param emailVerified whether the provider vouches that the address is the person's
 * @param name a display name, or null
 */
public record ProviderIdentity(
    IdentityProvider provider, String subject, String email, boolean emailVerified, String name) {}
