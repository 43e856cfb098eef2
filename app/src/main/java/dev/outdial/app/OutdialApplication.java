package dev.outdial.app;

import dev.outdial.app.simulator.standalone.SimulatorApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
    basePackages = "dev.outdial",
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.ASSIGNABLE_TYPE,
            classes = SimulatorApplication.class))
@ConfigurationPropertiesScan("dev.outdial")
@EnableScheduling
public class OutdialApplication {

  /**
   * {@code OUTDIAL_MODE=simulator} (or {@code --outdial.mode=simulator}) serves only the simulator.
   */
  static boolean simulatorMode(String[] args) {
    String mode = System.getenv("OUTDIAL_MODE");
    if (System.getProperty("outdial.mode") != null) {
      mode = System.getProperty("outdial.mode");
    }
    for (String arg : args) {
      if (arg.startsWith("--outdial.mode=")) {
        mode = arg.substring("--outdial.mode=".length());
      }
    }
    return "simulator".equalsIgnoreCase(mode);
  }

  public static void main(String[] args) {
    // Liquibase would otherwise try to send usage analytics at every start.
    if (System.getProperty("liquibase.analytics.enabled") == null) {
      System.setProperty("liquibase.analytics.enabled", "false");
    }
    if (simulatorMode(args)) {
      SpringApplication.run(SimulatorApplication.class, args);
      return;
    }
    SpringApplication.run(OutdialApplication.class, args);
  }
}
