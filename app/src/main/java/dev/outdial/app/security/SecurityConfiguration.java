package dev.outdial.app.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Stateless bearer-token security for the API, webhooks and operator endpoints. Roles are enforced
 * per path here; tenancy (each user sees only their own rows) is enforced by every query. The
 * console's pages have a chain of their own ({@code ConsoleSecurityConfiguration}) that takes every
 * other path.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  /** The paths of the API's chain; every other path is the console's or the providers'. */
  static final String[] MACHINE_PATHS = {
    "/api/**", "/actuator/**", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"
  };

  /**
   * Bolna's webhooks and the simulator's Bolna API authenticate by their own secrets and keys, in
   * their controllers; Spring Security has nothing to decide for them. Their chain is the shortest
   * that still writes the security headers: no session, no anonymous user, no saved request, no
   * bearer tokens, no logout. Every finished call brings five webhooks (and, on the simulator, a
   * dial), so each filter left out is left out five or six times a call.
   */
  @Bean
  @Order(0)
  SecurityFilterChain providerSecurity(HttpSecurity http) throws Exception {
    http.securityMatcher("/webhooks/**", "/simulator/**")
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session.disable())
        .securityContext(
            context -> context.securityContextRepository(new NullSecurityContextRepository()))
        .requestCache(cache -> cache.disable())
        .anonymous(anonymous -> anonymous.disable())
        .servletApi(servletApi -> servletApi.disable())
        .logout(logout -> logout.disable())
        .exceptionHandling(exceptions -> exceptions.disable())
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
    return http.build();
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(
      HttpSecurity http, UserAuthenticationConverter converter, ObjectMapper objectMapper)
      throws Exception {
    http.securityMatcher(MACHINE_PATHS)
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        HttpMethod.POST,
                        "/api/auth/signup",
                        "/api/auth/login",
                        // The links we mail carry their own single-use secrets.
                        "/api/auth/verification/confirm",
                        "/api/auth/password-reset",
                        "/api/auth/password-reset/confirm",
                        "/api/auth/providers/*/token")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/api/auth/providers")
                    .permitAll()
                    .requestMatchers("/api/admin/**")
                    .hasAnyRole(Role.ADMIN.name(), Role.SUPER_ADMIN.name())
                    .requestMatchers("/api/**")
                    .authenticated()
                    .requestMatchers(
                        "/actuator/health/**",
                        "/actuator/info",
                        "/actuator/prometheus",
                        "/v3/api-docs/**",
                        "/swagger-ui.html",
                        "/swagger-ui/**")
                    .permitAll()
                    .anyRequest()
                    .denyAll())
        .oauth2ResourceServer(
            oauth ->
                oauth
                    .bearerTokenResolver(apiBearerTokens())
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                    .authenticationEntryPoint(
                        (request, response, e) ->
                            writeProblem(
                                response,
                                objectMapper,
                                HttpStatus.UNAUTHORIZED,
                                "Unauthorized",
                                unauthorizedDetail(e.getMessage())))
                    .accessDeniedHandler(forbidden(objectMapper)))
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(
                        (request, response, e) ->
                            writeProblem(
                                response,
                                objectMapper,
                                HttpStatus.UNAUTHORIZED,
                                "Unauthorized",
                                "A bearer token is required: Authorization: Bearer <token>"))
                    .accessDeniedHandler(forbidden(objectMapper)));
    return http.build();
  }

  /**
   * Bearer tokens are ours only under /api: the built-in Bolna simulator takes Bolna's own API keys
   * in the same header.
   */
  private static BearerTokenResolver apiBearerTokens() {
    DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
    return request ->
        request.getRequestURI().startsWith(request.getContextPath() + "/api/")
            ? resolver.resolve(request)
            : null;
  }

  /**
   * No observations of Spring Security's own: wrapping each of a request's dozen security filters
   * cost more CPU than a webhook's own work, even with every such observation switched off by name.
   * The requests' own metrics ({@code http.server.requests}) stay.
   */
  @Bean
  SecurityObservationSettings noSecurityObservations() {
    return SecurityObservationSettings.noObservations();
  }

  @Bean
  JwtDecoder jwtDecoder(TokenService tokens) {
    return tokens.decoder();
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder() {
      @Override
      public boolean matches(CharSequence rawPassword, String encodedPassword) {
        // bcrypt refuses more than 72 bytes, and no password that long was ever stored.
        if (rawPassword != null
            && rawPassword.toString().getBytes(StandardCharsets.UTF_8).length > 72) {
          return false;
        }
        return super.matches(rawPassword, encodedPassword);
      }
    };
  }

  /** The methods Spring Security's firewall lets through (its default list). */
  private static final Set<String> SERVED_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  /**
   * Requests the firewall refuses before anything else sees them: a method the app never serves
   * (TRACE, CONNECT, ...) is 405 with the methods it does serve, anything else (an encoded slash, a
   * header that is not one) 400; both as problem details.
   */
  @Bean
  RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
    return (request, response, rejected) -> {
      boolean unservedMethod = !SERVED_METHODS.contains(request.getMethod());
      HttpStatus status = unservedMethod ? HttpStatus.METHOD_NOT_ALLOWED : HttpStatus.BAD_REQUEST;
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              status,
              unservedMethod
                  ? "The method " + request.getMethod() + " is not served here"
                  : "The request was refused: " + rejected.getMessage());
      if (unservedMethod) {
        response.setHeader(HttpHeaders.ALLOW, String.join(", ", new TreeSet<>(SERVED_METHODS)));
      }
      response.setStatus(status.value());
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      json.writeValue(response.getOutputStream(), problem);
    };
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  private static AccessDeniedHandler forbidden(ObjectMapper objectMapper) {
    return (request, response, e) ->
        writeProblem(
            response, objectMapper, HttpStatus.FORBIDDEN, "Forbidden", "Your role may not do this");
  }

  private static String unauthorizedDetail(String reason) {
    if (reason == null || reason.isBlank()) {
      return "A valid bearer token is required";
    }
    return "The bearer token was refused: " + reason;
  }

  private static void writeProblem(
      HttpServletResponse response,
      ObjectMapper objectMapper,
      HttpStatus status,
      String title,
      String detail)
      throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    objectMapper.writeValue(response.getOutputStream(), problem);
  }
}
