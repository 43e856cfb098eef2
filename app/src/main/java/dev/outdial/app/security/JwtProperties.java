package dev.outdial.app.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param secret the HMAC secret that signs tokens ({@code OUTDIAL_JWT_SECRET}); empty: one is made
 *     at start, and tokens do not survive a restart
 * @param tokenTtl how long a token is valid
 */
@ConfigurationProperties("outdial.jwt")
public record JwtProperties(
    @DefaultValue("") String secret, @DefaultValue("12h") Duration tokenTtl) {}
