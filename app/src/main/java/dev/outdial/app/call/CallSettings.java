package dev.outdial.app.call;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How calls are run and billed.
 *
 * @param creditsPerMinute credits per started minute of conversation
 * @param noNewsTimeout how long a call may go without a final status before Bolna is asked
 *     (default: Bolna's usual call_terminate of 10 minutes plus 10 minutes)
 * @param adhocMaxAttempts how often a one-off call dials when nobody answers
 * @param adhocRetryDelay the wait between those attempts
 * @param maxLength how long a call Bolna still reports live is followed before it ends as unknown
 * @param billVoicemail whether a call answered by voicemail is billed for its length
 */
@ConfigurationProperties("outdial.calls")
public record CallSettings(
    @DefaultValue("1") int creditsPerMinute,
    @DefaultValue("20m") Duration noNewsTimeout,
    @DefaultValue("1") int adhocMaxAttempts,
    @DefaultValue("60m") Duration adhocRetryDelay,
    @DefaultValue("2h") Duration maxLength,
    @DefaultValue("false") boolean billVoicemail) {}
