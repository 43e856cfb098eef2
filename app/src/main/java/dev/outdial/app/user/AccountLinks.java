package dev.outdial.app.user;

import dev.outdial.app.bolna.PublicUrl;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/** The console addresses our mails link to, on the platform's public address. */
@Component
class AccountLinks {

  private final PublicUrl publicUrl;

  AccountLinks(PublicUrl publicUrl) {
    this.publicUrl = publicUrl;
  }

  String verifyEmail(UUID userId, String token) {
    return link("/verify-email", userId, token);
  }

  String resetPassword(UUID userId, String token) {
    return link("/reset-password", userId, token);
  }

  private String link(String path, UUID userId, String token) {
    return UriComponentsBuilder.fromUriString(publicUrl.base())
        .path(path)
        .queryParam("user", userId)
        .queryParam("token", token)
        .build()
        .toUriString();
  }
}
