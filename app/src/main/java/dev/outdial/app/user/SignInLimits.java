package dev.outdial.app.user;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often sign-in and sign-up may be tried before the app answers 429.
 *
 * @param addressAttempts sign-ins and sign-ups one client address may try per {@code
 *     addressWindow}, whatever the accounts
 * @param addressWindow the window of {@code addressAttempts}
 * @param accountFailures wrong passwords (and sign-ups) one account may take per {@code
 *     accountWindow}; a successful sign-in clears them
 * @param accountWindow the window of {@code accountFailures}
 */
@ConfigurationProperties("outdial.auth.rate-limit")
public record SignInLimits(
    @DefaultValue("60") int addressAttempts,
    @DefaultValue("1m") Duration addressWindow,
    @DefaultValue("5") int accountFailures,
    @DefaultValue("15m") Duration accountWindow) {}
