package dev.outdial.app.console;

import static java.util.stream.Collectors.joining;

import dev.outdial.app.oauth.CodeExchange;
import dev.outdial.app.oauth.ConfiguredProviders;
import dev.outdial.app.oauth.ConsoleProviderSignIn;
import dev.outdial.app.security.CurrentUsers;
import dev.outdial.app.security.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The console's pages: a session cookie (HttpOnly, SameSite=Lax, see application.yaml), CSRF tokens
 * on every form and every htmx request, the same accounts and roles as the API. Every path the
 * API's chain does not take is the console's.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

  /**
   * What the browser may load: only our own scripts, from the jar. Forms go to the app, to Stripe's
   * checkout and to the configured identity providers' sign-in pages (the profile's "Connect" is a
   * form whose answer leads there).
   */
  static String contentSecurityPolicy(ConfiguredProviders providers) {
    return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src"
        + " 'self' data:; frame-ancestors 'none'; form-action 'self' https://checkout.stripe.com"
        + providers.signInOrigins().stream().map(origin -> " " + origin).collect(joining());
  }

  @Bean
  SecurityContextRepository consoleSecurityContexts() {
    return new HttpSessionSecurityContextRepository();
  }

  @Bean
  @Order(2)
  SecurityFilterChain consoleSecurity(
      HttpSecurity http,
      ConsoleAuthenticationProvider passwords,
      ConsoleProviderSignIn providerSignIns,
      ConfiguredProviders providers,
      CodeExchange providerCodes,
      CurrentUsers users,
      SecurityContextRepository consoleSecurityContexts)
      throws Exception {
    LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint("/login");
    // Its own manager, without the global one as parent: a refused password would otherwise be
    // checked (and counted against the account) a second time there.
    List<AuthenticationProvider> signIns = new ArrayList<>();
    signIns.add(passwords);
    signIns.addAll(providerCodes.authenticationProviders());
    http.authenticationManager(new ProviderManager(signIns))
        .securityContext(context -> context.securityContextRepository(consoleSecurityContexts))
        .authorizeHttpRequests(
            auth ->
                // The icon too: a signed-out browser asking for it must not get a session of
                // its own, whose cookie would replace the one its sign-in form's token is in.
                auth.requestMatchers(
                        "/login",
                        "/signup",
                        "/verify-email",
                        "/forgot-password",
                        "/reset-password",
                        "/css/**",
                        "/js/**",
                        "/webjars/**",
                        "/favicon.ico",
                        "/favicon.svg")
                    .permitAll()
                    .requestMatchers("/error", "/forbidden")
                    .permitAll()
                    .requestMatchers("/admin/**")
                    .hasAnyRole(Role.ADMIN.name(), Role.SUPER_ADMIN.name())
                    .anyRequest()
                    .authenticated())
        .formLogin(
            form ->
                form.loginPage("/login")
                    .usernameParameter("email")
                    .passwordParameter("password")
                    .defaultSuccessUrl("/", false)
                    .failureHandler(
                        (request, response, e) -> {
                          String target = "/login?error=wrong";
                          if (e instanceof DisabledException) {
                            target = "/login?error=disabled";
                          } else if (e
                              instanceof
                              ConsoleAuthenticationProvider.TooManySignInsException refused) {
                            target = "/login?error=throttled&retry=" + refused.retryAfterSeconds();
                          }
                          response.sendRedirect(request.getContextPath() + target);
                        }))
        // Providers without settings are not in the repository: their paths are not found.
        .oauth2Login(
            oauth ->
                oauth
                    .loginPage("/login")
                    .clientRegistrationRepository(providers)
                    .authorizedClientRepository(providerSignIns.keepNoProviderTokens())
                    .authorizationEndpoint(
                        endpoint ->
                            endpoint.authorizationRequestResolver(
                                providerSignIns.authorizationRequests()))
                    .successHandler(providerSignIns)
                    .failureHandler(providerSignIns))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out"))
        .addFilterAfter(new SessionUserFilter(users), SecurityContextHolderFilter.class)
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(
                        (request, response, e) -> {
                          // An htmx request whose session ended: send the whole page to sign-in
                          // instead of swapping the login form into a fragment.
                          if (request.getHeader("HX-Request") != null) {
                            response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                            return;
                          }
                          loginPage.commence(request, response, e);
                        })
                    .accessDeniedPage("/forbidden"))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(
                        csp -> csp.policyDirectives(contentSecurityPolicy(providers)))
                    .referrerPolicy(
                        referrer ->
                            referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }
}
