package dev.outdial.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication(scanBasePackages = "dev.outdial")
@ConfigurationPropertiesScan("dev.outdial")
@EnableScheduling
public class OutdialApplication {

  public static void main(String[] args) {
    // Liquibase would otherwise try to send usage analytics at every start.
    if (System.getProperty("liquibase.analytics.enabled") == null) {
      System.setProperty("liquibase.analytics.enabled", "false");
    }
    SpringApplication.run(OutdialApplication.class, args);
  }
}
