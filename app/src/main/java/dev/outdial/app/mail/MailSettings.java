package dev.outdial.app.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How mails are sent and how long their links live. SMTP itself is Spring Boot's {@code
 * spring.mail.*} ({@code SPRING_MAIL_HOST}, ...); without a host, mails wait in the outbox.
 *
 * @param from the sender address of every mail
 * @param sendInterval how often the outbox is looked at for mails to send
 * @param batchSize mails claimed at once
 * @param lease how long a claimed mail is left to its sender before another may take it; longer
 *     than a batch takes to send
 * @param verificationLinkTtl how long a link that verifies an address works
 * @param resetLinkTtl how long a link that resets a password works
 * @param resendInterval the least time between two mails of one kind to one account
 * @param keepSent how long a sent mail stays in the outbox (and an expired link's record); mails
 *     never sent stay until they are
 */
@ConfigurationProperties("outdial.mail")
public record MailSettings(
    @DefaultValue("Outdial <no-reply@localhost>") String from,
    @DefaultValue("5s") Duration sendInterval,
    @DefaultValue("20") int batchSize,
    @DefaultValue("5m") Duration lease,
    @DefaultValue("24h") Duration verificationLinkTtl,
    @DefaultValue("1h") Duration resetLinkTtl,
    @DefaultValue("1m") Duration resendInterval,
    @DefaultValue("30d") Duration keepSent) {}
