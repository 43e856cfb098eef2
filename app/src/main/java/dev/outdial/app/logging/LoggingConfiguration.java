package dev.outdial.app.logging;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ids every log line of a request carries. */
@Configuration
public class LoggingConfiguration {

  /** After Spring Security, which knows the user by then. */
  @Bean
  FilterRegistrationBean<UserLogContextFilter> userLogContextFilter() {
    FilterRegistrationBean<UserLogContextFilter> registration =
        new FilterRegistrationBean<>(new UserLogContextFilter());
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
    return registration;
  }
}
