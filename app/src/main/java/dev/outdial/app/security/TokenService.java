package dev.outdial.app.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/** Issues and verifies the HS256-signed bearer tokens of the API. */
@Component
public class TokenService {

  private static final Logger log = LoggerFactory.getLogger(TokenService.class);
  static final String ISSUER = "outdial";

  private final JwtProperties properties;
  private final Clock clock;
  private final JwtEncoder encoder;
  private final JwtDecoder decoder;

  /**
   * @param datasourceUrl the configured Postgres; set, the app runs outside its embedded defaults
   *     and may be one of several nodes, which must share the secret
   */
  @Autowired
  public TokenService(
      JwtProperties properties,
      Clock clock,
      @Value("${spring.datasource.url:}") String datasourceUrl) {
    this(requireSharedSecret(properties, datasourceUrl), clock);
  }

  public TokenService(JwtProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    SecretKey key = signingKey(properties.secret());
    this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key));
    NimbusJwtDecoder nimbus =
        NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
    this.decoder = nimbus;
  }

  /** A token for the user, valid for the configured time. */
  public IssuedToken issue(CurrentUser user) {
    Instant now = clock.instant();
    Instant expiresAt = now.plus(properties.tokenTtl());
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(ISSUER)
            .subject(user.id().toString())
            .issuedAt(now)
            .expiresAt(expiresAt)
            .claim("email", user.email())
            .build();
    String token =
        encoder
            .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
            .getTokenValue();
    return new IssuedToken(token, expiresAt);
  }

  public JwtDecoder decoder() {
    return decoder;
  }

  /** A signed token and when it expires. */
  public record IssuedToken(String token, Instant expiresAt) {}

  private static JwtProperties requireSharedSecret(JwtProperties properties, String datasourceUrl) {
    if (datasourceUrl != null
        && !datasourceUrl.isBlank()
        && (properties.secret() == null || properties.secret().isBlank())) {
      throw new IllegalStateException(
          "OUTDIAL_JWT_SECRET is not set. With SPRING_DATASOURCE_URL set the app runs outside its"
              + " embedded defaults, where every node must sign tokens with the same secret and"
              + " tokens must survive a restart: set OUTDIAL_JWT_SECRET to at least 32 random"
              + " characters (for example from: openssl rand -base64 48).");
    }
    return properties;
  }

  private static SecretKey signingKey(String secret) {
    String material = secret;
    if (material == null || material.isBlank()) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      material = HexFormat.of().formatHex(random);
      log.warn(
          "OUTDIAL_JWT_SECRET is not set: signing tokens with a key made at start. Tokens will not"
              + " survive a restart, and several app nodes will not accept each other's tokens.");
    } else if (material.length() < 32) {
      log.warn("OUTDIAL_JWT_SECRET is shorter than 32 characters; use a longer random secret.");
    }
    // Hashing makes any secret the 256-bit key HS256 needs.
    try {
      byte[] key =
          MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
      return new SecretKeySpec(key, "HmacSHA256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
