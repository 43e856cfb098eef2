package dev.outdial.app.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Instants in query parameters are ISO-8601 with an offset ({@code 2026-12-07T09:00:00Z}, {@code
 * 2026-12-07T14:30:00+05:30}), as the spec says: Spring would also read a bare number as epoch
 * milliseconds, so {@code to=0} meant 1970 instead of a 400.
 */
@Configuration(proxyBeanMethods = false)
class IsoInstants implements WebMvcConfigurer {

  @Override
  public void addFormatters(FormatterRegistry registry) {
    registry.addFormatterForFieldType(
        Instant.class,
        new Formatter<Instant>() {
          @Override
          public Instant parse(String text, Locale locale) {
            return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant();
          }

          @Override
          public String print(Instant instant, Locale locale) {
            return instant.toString();
          }
        });
  }
}
