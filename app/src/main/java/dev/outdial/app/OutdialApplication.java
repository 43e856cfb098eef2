package dev.outdial.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication(scanBasePackages = "dev.outdial")
@ConfigurationPropertiesScan
public class OutdialApplication {

  public static void main(String[] args) {
    SpringApplication.run(OutdialApplication.class, args);
  }
}
