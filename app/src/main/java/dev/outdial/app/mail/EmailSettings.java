package dev.outdial.app.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param verification {@code required}: an account must verify its address before it starts a
 *     campaign or places a call; {@code optional}: it need not. Empty: required exactly when SMTP
 *     is configured ({@code spring.mail.host}).
 */
@ConfigurationProperties("outdial.email")
public record EmailSettings(@DefaultValue("") String verification) {}
