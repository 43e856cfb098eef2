package dev.outdial.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * OpenAPI at /v3/api-docs and /swagger-ui.html, with the bearer scheme so the UI can log in, and
 * every answer an operation can give besides its success: the RFC 7807 problems of its own
 * validation, authentication, ownership, conflicts, rate limits and Postgres being away.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  private static final String PROBLEM = "#/components/schemas/Problem";

  /** Operations anyone may call: signing up and in, which are rate limited instead. */
  private static final Set<String> SIGN_IN = Set.of("/api/auth/signup", "/api/auth/login");

  /**
   * Operations anyone may call with the secret of a link we mailed, or to have one mailed (rate
   * limited like sign-in).
   */
  private static final Set<String> MAILED_LINKS =
      Set.of(
          "/api/auth/verification/confirm",
          "/api/auth/password-reset",
          "/api/auth/password-reset/confirm");

  /** Sign-in with an identity provider: the providers offered, and a provider's code traded. */
  private static final Set<String> PROVIDER_SIGN_IN =
      Set.of("/api/auth/providers", "/api/auth/providers/{provider}/token");

  /** Operations of a signed-in user that answer 429 when repeated too soon. */
  private static final Set<String> RATE_LIMITED = Set.of("/api/auth/verification");

  /** Provider webhooks: authenticated by their own secret, never by a bearer token. */
  private static final Map<String, String> WEBHOOKS =
      Map.of("/webhooks/bolna", "bolnaWebhookToken", "/webhooks/stripe", "stripeSignature");

  @Bean
  OpenAPI outdialOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Outdial API")
                .description(
                    "AI phone-calling campaigns. Sign up or log in under /api/auth, then use the"
                        + " token with Authorize.")
                .version("v1"))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT"))
                .addSecuritySchemes(
                    "bolnaWebhookToken",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-Outdial-Webhook-Token")
                        .description(
                            "The webhook secret (OUTDIAL_BOLNA_WEBHOOK_SECRET); ?token= in the"
                                + " URL works as well"))
                .addSecuritySchemes(
                    "stripeSignature",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("Stripe-Signature")
                        .description("Stripe's signature of the event")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  private static Schema<?> problemSchema() {
    return new ObjectSchema()
        .description("RFC 7807 problem details")
        .addProperty("type", new StringSchema())
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema())
        .addProperty(
            "errors",
            new ArraySchema()
                .description("the fields that are invalid, each with what is wrong")
                .items(
                    new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema())));
  }

  /**
   * Models read through the app's own ObjectMapper, so the spec names fields as the API does
   * (snake_case, {@code spring.jackson.property-naming-strategy}).
   */
  @Bean
  ModelResolver modelResolver(ObjectMapper json) {
    return new ModelResolver(json);
  }

  /**
   * Properties as the API reads them: a {@code @NotBlank} text has a character that is not white
   * space; a property that may be left out may also be null, which reads as left out (on a PATCH:
   * left as it is); and a map of any JSON (a {@code Map<String, Object>}) holds any JSON, not only
   * objects.
   */
  @Bean
  PropertyCustomizer validatedText() {
    return (property, type) -> {
      if (property == null) {
        return property;
      }
      if (property.getAdditionalProperties() instanceof Schema<?> values
          && values.get$ref() == null
          && values.getProperties() == null
          && isObject(values)) {
        property.setAdditionalProperties(true);
      }
      Annotation[] annotations =
          type.getCtxAnnotations() == null ? new Annotation[0] : type.getCtxAnnotations();
      boolean mandatory =
          Arrays.stream(annotations)
              .anyMatch(
                  a -> a instanceof NotNull || a instanceof NotBlank || a instanceof NotEmpty);
      if (!mandatory && property.get$ref() == null) {
        property.setNullable(true);
      }
      for (Annotation annotation : annotations) {
        if (annotation instanceof NotBlank && property.getPattern() == null) {
          property.setPattern(NOT_BLANK);
          if (property.getMinLength() == null || property.getMinLength() < 1) {
            property.setMinLength(1);
          }
        }
      }
      return property;
    };
  }

  /** A {@code @Pattern} matches the whole text; JSON Schema's patterns match anywhere in it. */
  private static void anchorPatterns(Schema<?> schema) {
    if (schema.getProperties() == null) {
      return;
    }
    for (Schema<?> property : schema.getProperties().values()) {
      String pattern = property.getPattern();
      if (pattern != null && !pattern.startsWith("^")) {
        property.setPattern("^(?:" + pattern + ")$");
      }
    }
  }

  private static boolean isObject(Schema<?> schema) {
    return "object".equals(schema.getType());
  }

  /** Text with a character that is not white space, anchored as every pattern here is. */
  private static final String NOT_BLANK = "^[\\s\\S]*\\S[\\s\\S]*$";

  @Bean
  OpenApiCustomizer problemAnswers() {
    return openApi -> {
      openApi.getComponents().getSchemas().values().forEach(OpenApiConfiguration::anchorPatterns);
      openApi.getComponents().addSchemas("Problem", problemSchema());
      openApi
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach((method, operation) -> document(path, method, operation)));
    };
  }

  private static void document(String path, PathItem.HttpMethod method, Operation operation) {
    if (operation.getParameters() != null) {
      // An optional query parameter given empty reads as not given.
      operation.getParameters().stream()
          .filter(parameter -> "query".equals(parameter.getIn()))
          .filter(parameter -> !Boolean.TRUE.equals(parameter.getRequired()))
          .forEach(parameter -> parameter.setAllowEmptyValue(true));
      operation.getParameters().stream()
          .filter(parameter -> "limit".equals(parameter.getName()))
          .forEach(
              limit ->
                  limit
                      .description("page size, " + PageRequest.DEFAULT_LIMIT + " when absent")
                      .getSchema()
                      .minimum(BigDecimal.ONE)
                      .maximum(BigDecimal.valueOf(PageRequest.MAX_LIMIT)));
    }
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    problem(operation, "400", "The request is malformed or has invalid values");
    if (WEBHOOKS.containsKey(path)) {
      operation.setSecurity(List.of(new SecurityRequirement().addList(WEBHOOKS.get(path))));
      problem(operation, "401", "The secret or signature is missing or wrong");
      problem(operation, "403", "The sender's address may not deliver webhooks");
    } else if (SIGN_IN.contains(path)) {
      operation.setSecurity(List.of());
      problem(operation, "401", "The email or password is wrong");
      problem(operation, "429", "Too many attempts; try again after Retry-After seconds")
          .addHeaderObject("Retry-After", retryAfter());
    } else if (PROVIDER_SIGN_IN.contains(path)) {
      operation.setSecurity(List.of());
      problem(operation, "401", "A bearer token was sent and is not valid (none is needed)");
      if (method != PathItem.HttpMethod.GET) {
        problem(operation, "403", "The account is deactivated");
        problem(operation, "429", "Too many new accounts; try again after Retry-After seconds")
            .addHeaderObject("Retry-After", retryAfter());
      }
    } else if (MAILED_LINKS.contains(path)) {
      operation.setSecurity(List.of());
      problem(operation, "401", "A bearer token was sent and is not valid (none is needed)");
      if (path.equals("/api/auth/password-reset")) {
        problem(operation, "429", "Too many attempts; try again after Retry-After seconds")
            .addHeaderObject("Retry-After", retryAfter());
      }
    } else {
      problem(operation, "401", "The bearer token is missing, invalid or expired");
      problem(operation, "403", "The token's user may not do this");
      if (RATE_LIMITED.contains(path)) {
        problem(operation, "429", "Sent moments ago; try again after Retry-After seconds")
            .addHeaderObject("Retry-After", retryAfter());
      }
    }
    if (path.contains("{") || operation.getRequestBody() != null) {
      problem(operation, "404", "Nothing of that id (in the path or the body) is the user's");
    }
    if (method != PathItem.HttpMethod.GET) {
      problem(operation, "409", "The change conflicts with the current state");
    }
    if (operation.getRequestBody() != null) {
      problem(operation, "413", "The body is too large");
      problem(operation, "415", "The body's content type is not one this operation reads");
    }
    problem(operation, "503", "Postgres is unreachable; try again after Retry-After seconds")
        .addHeaderObject("Retry-After", retryAfter());
  }

  private static ApiResponse problem(Operation operation, String status, String description) {
    ApiResponse existing = operation.getResponses().get(status);
    if (existing != null) {
      return existing;
    }
    // Problem details as application/problem+json, or application/json when that is all the
    // client accepts.
    ApiResponse response =
        new ApiResponse()
            .description(description)
            .content(
                new Content()
                    .addMediaType(
                        "application/problem+json",
                        new MediaType().schema(new Schema<>().$ref(PROBLEM)))
                    .addMediaType(
                        "application/json", new MediaType().schema(new Schema<>().$ref(PROBLEM))));
    operation.getResponses().addApiResponse(status, response);
    return response;
  }

  private static Header retryAfter() {
    return new Header().description("seconds to wait").schema(new IntegerSchema());
  }
}
