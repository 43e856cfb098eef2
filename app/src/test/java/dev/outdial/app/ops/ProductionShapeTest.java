package dev.outdial.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The production shape, read from the files an operator runs ({@code docker-compose.yml}, the
 * {@code Dockerfile}, {@code .env.example}): no Docker engine is needed to hold them to it.
 */
class ProductionShapeTest {

  private static final String APP_IMAGE = "outdial-app:local";
  private static final Set<String> APP_SERVICES = Set.of("app", "app-api", "app-worker");
  private static final String BIND = "${OUTDIAL_BIND_ADDRESS:-127.0.0.1}:";

  private static Path root;
  private static Map<String, Map<String, Object>> services;
  private static String dockerfile;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("docker-compose.yml"))) {
      root = root.getParent();
    }
    Map<String, Object> compose =
        new Yaml().load(Files.readString(root.resolve("docker-compose.yml")));
    services = (Map<String, Map<String, Object>>) compose.get("services");
    dockerfile = Files.readString(root.resolve("Dockerfile"));
  }

  @SuppressWarnings("unchecked")
  private static <T> T get(String service, String key) {
    return (T) services.get(service).get(key);
  }

  private static Map<String, String> environment(String service) {
    Map<String, Object> raw = get(service, "environment");
    Map<String, String> environment = new LinkedHashMap<>();
    if (raw != null) {
      raw.forEach((name, value) -> environment.put(name, String.valueOf(value)));
    }
    return environment;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> dependsOn(String service) {
    Map<String, Object> raw = get(service, "depends_on");
    Map<String, String> conditions = new LinkedHashMap<>();
    if (raw != null) {
      raw.forEach(
          (name, value) ->
              conditions.put(name, String.valueOf(((Map<String, Object>) value).get("condition"))));
    }
    return conditions;
  }

  @Test
  void theServicesAreTheProductionShape() {
    assertThat(services.keySet())
        .containsExactlyInAnyOrder(
            "postgres",
            "temporal-schema",
            "temporal",
            "temporal-namespace",
            "temporal-ui",
            "app",
            "app-api",
            "app-worker",
            "prometheus",
            "grafana");
    assertThat(get("postgres", "image").toString()).startsWith("postgres:17.");
    assertThat(get("temporal", "image").toString()).startsWith("temporalio/server:");
    assertThat(get("temporal-schema", "image").toString()).startsWith("temporalio/admin-tools:");
    assertThat(get("temporal-ui", "image").toString()).startsWith("temporalio/ui:");
    assertThat(services.values())
        .noneMatch(s -> String.valueOf(s.get("image")).contains("auto-setup"));
  }

  @Test
  void everyImageIsPinnedToAVersion() {
    Pattern pinned = Pattern.compile("[a-z0-9./-]+:v?\\d+\\.\\d+(\\.\\d+)?([._-][A-Za-z0-9._-]+)?");
    services.forEach(
        (name, service) -> {
          String image = String.valueOf(service.get("image"));
          if (APP_SERVICES.contains(name)) {
            assertThat(image).as(name).isEqualTo(APP_IMAGE);
            assertThat(service.get("build")).as(name + " builds from source").isEqualTo(".");
          } else {
            assertThat(image).as(name).matches(pinned);
          }
        });
    Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile);
    List<String> bases = new ArrayList<>();
    while (from.find()) {
      bases.add(from.group(1));
    }
    assertThat(bases).hasSize(2).allMatch(image -> image.matches(pinned.pattern()));
  }

  @Test
  void onlyWebUiAndTheApiArePublishedAndOnTheLoopbackUnlessTheUserSaysOtherwise() {
    Map<String, List<String>> published = new LinkedHashMap<>();
    services.forEach(
        (name, service) -> {
          @SuppressWarnings("unchecked")
          List<String> ports = (List<String>) service.get("ports");
          if (ports != null) {
            published.put(name, ports);
          }
        });

    assertThat(published.keySet())
        .containsExactlyInAnyOrder("temporal-ui", "app", "app-api", "grafana");
    assertThat(published.values())
        .allSatisfy(ports -> assertThat(ports).allMatch(p -> p.startsWith(BIND)));
    assertThat(published.get("temporal-ui"))
        .containsExactly(BIND + "${TEMPORAL_UI_PORT:-8088}:8080");
    assertThat(published.get("app")).containsExactly(BIND + "${OUTDIAL_PORT:-8080}:8080");
    assertThat(services.get("temporal")).doesNotContainKey("ports");
    assertThat(services.get("postgres")).doesNotContainKey("ports");
  }

  @Test
  void longRunningServicesHaveHealthchecksAndTheAppImageHasOne() {
    for (String name : List.of("postgres", "temporal", "temporal-ui", "prometheus", "grafana")) {
      Map<String, Object> healthcheck = get(name, "healthcheck");
      assertThat(healthcheck).as(name).isNotNull().containsKey("test");
    }
    assertThat(dockerfile).containsPattern("(?ms)^HEALTHCHECK .*?CMD .*?/actuator/health");
  }

  @Test
  void theSchemaOneShotRunsBeforeTheServerAndTheAppWaitsForAllOfIt() {
    assertThat(dependsOn("temporal-schema")).containsEntry("postgres", "service_healthy");
    assertThat(dependsOn("temporal"))
        .containsEntry("temporal-schema", "service_completed_successfully");
    assertThat(dependsOn("temporal-namespace")).containsEntry("temporal", "service_healthy");
    assertThat(dependsOn("temporal-ui")).containsEntry("temporal", "service_healthy");
    for (String app : APP_SERVICES) {
      assertThat(dependsOn(app))
          .as(app)
          .containsEntry("postgres", "service_healthy")
          .containsEntry("temporal", "service_healthy")
          .containsEntry("temporal-namespace", "service_completed_successfully");
    }
    // The scripts the one-shots and Postgres run are in the repository.
    for (String name : List.of("postgres", "temporal-schema", "temporal-namespace", "temporal")) {
      List<String> volumes = get(name, "volumes");
      volumes.stream()
          .filter(volume -> volume.startsWith("./"))
          .forEach(
              volume ->
                  assertThat(root.resolve(volume.substring(2, volume.indexOf(':'))))
                      .as(volume)
                      .exists());
    }
  }

  @Test
  void theScaleProfileRunsOneApiNodeAndTwoWorkerOnlyNodes() {
    assertThat((List<String>) get("app", "profiles")).containsExactly("single");
    assertThat((List<String>) get("app-api", "profiles")).containsExactly("scale");
    assertThat((List<String>) get("app-worker", "profiles")).containsExactly("scale");
    assertThat(environment("app-api")).containsEntry("OUTDIAL_WORKER_ENABLED", "false");
    assertThat(environment("app-api")).doesNotContainKey("OUTDIAL_API_ENABLED");
    assertThat(environment("app-worker")).containsEntry("OUTDIAL_API_ENABLED", "false");
    assertThat(environment("app-worker")).doesNotContainKey("OUTDIAL_WORKER_ENABLED");
    Map<String, Object> deploy = get("app-worker", "deploy");
    assertThat(deploy).containsEntry("replicas", 2);
    for (String app : APP_SERVICES) {
      assertThat(environment(app))
          .as(app + " shares the token secret and reaches Postgres and Temporal")
          .containsKeys(
              "OUTDIAL_JWT_SECRET",
              "SPRING_DATASOURCE_URL",
              "SPRING_DATASOURCE_PASSWORD",
              "OUTDIAL_TEMPORAL_TARGET");
    }
  }

  @Test
  void everyEnvironmentVariableTheAppIsGivenIsOneItReads() throws IOException {
    Set<ConfigurationPropertyName> known = knownProperties();
    Set<String> unread = new TreeSet<>();
    for (String app : APP_SERVICES) {
      for (String variable : environment(app).keySet()) {
        ConfigurationPropertySource source =
            ConfigurationPropertySource.from(
                new SystemEnvironmentPropertySource("compose", Map.of(variable, "x")));
        if (known.stream().noneMatch(name -> source.getConfigurationProperty(name) != null)) {
          unread.add(app + ": " + variable);
        }
      }
    }
    assertThat(unread).as("variables no setting of the app reads").isEmpty();
  }

  @Test
  void everySettingTheCodeReadsIsDescribedInTheMetadata() throws IOException {
    Set<String> described = new HashSet<>();
    knownProperties().forEach(name -> described.add(name.toString()));
    Pattern read = Pattern.compile("(?:\\$\\{|getProperty\\(\\s*\")(outdial\\.[a-z0-9.-]+)[:}\"]");
    Set<String> undescribed = new TreeSet<>();
    for (String module : List.of("app", "activities")) {
      try (Stream<Path> sources = Files.walk(root.resolve(module).resolve("src/main/java"))) {
        for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher matcher = read.matcher(Files.readString(source));
          while (matcher.find()) {
            if (!described.contains(matcher.group(1))) {
              undescribed.add(matcher.group(1));
            }
          }
        }
      }
    }
    assertThat(undescribed).as("settings missing from the configuration metadata").isEmpty();
  }

  @Test
  void theEnvFileExampleNamesEverySecretComposeRequiresAndNothingItIgnores() throws IOException {
    String compose = Files.readString(root.resolve("docker-compose.yml"));
    Set<String> referenced = new TreeSet<>();
    Set<String> required = new TreeSet<>();
    Matcher variable = Pattern.compile("\\$\\{([A-Z0-9_]+)(:?[-?])?").matcher(compose);
    while (variable.find()) {
      referenced.add(variable.group(1));
      if (variable.group(2) != null && variable.group(2).endsWith("?")) {
        required.add(variable.group(1));
      }
    }
    Set<String> example = new TreeSet<>();
    for (String line : Files.readAllLines(root.resolve(".env.example"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        example.add(line.substring(0, line.indexOf('=')));
      }
    }

    assertThat(required).contains("POSTGRES_PASSWORD", "OUTDIAL_JWT_SECRET");
    assertThat(example).containsAll(required);
    example.remove("COMPOSE_PROFILES");
    assertThat(referenced).containsAll(example);
    assertThat(Files.readAllLines(root.resolve(".gitignore"))).contains(".env");
  }

  @Test
  void theImageIsBuiltFromSourceAndRunsAsAnUnprivilegedUserOnAJre() {
    assertThat(dockerfile).containsPattern("(?m)^FROM \\S+-jdk\\S* AS build$");
    assertThat(dockerfile).containsPattern("(?m)^FROM \\S+-jre\\S*$");
    assertThat(dockerfile).contains("--mount=type=cache,target=/root/.m2");
    assertThat(dockerfile).containsPattern("\\./mvnw -B package -DskipTests");
    assertThat(dockerfile).containsPattern("(?m)^COPY --from=build ");
    Matcher user = Pattern.compile("(?m)^USER (\\S+)$").matcher(dockerfile);
    assertThat(user.find()).as("a USER line").isTrue();
    assertThat(user.group(1)).isNotIn("root", "0");
    assertThat(dockerfile.lastIndexOf("USER ")).isGreaterThan(dockerfile.lastIndexOf("FROM "));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theObservabilityProfileScrapesEveryNodeAndProvisionsTheDashboard() throws IOException {
    assertThat((List<String>) get("prometheus", "profiles")).containsExactly("observability");
    assertThat((List<String>) get("grafana", "profiles")).containsExactly("observability");
    Map<String, Object> prometheus =
        new Yaml().load(Files.readString(root.resolve("ops/prometheus/prometheus.yml")));
    String scrape = String.valueOf(prometheus.get("scrape_configs"));
    assertThat(scrape)
        .contains("/actuator/prometheus")
        .contains("app, app-api, app-worker")
        .contains("temporal:8000");
    assertThat(environment("temporal")).containsEntry("PROMETHEUS_ENDPOINT", "0.0.0.0:8000");
  }

  @Test
  void everyOutdialMetricTheDashboardShowsIsOneTheAppRegisters() throws IOException {
    Set<String> registered = new TreeSet<>();
    Pattern meter = Pattern.compile("\"(outdial\\.[a-z.]+)\"");
    for (String source :
        List.of(
            "activities/src/main/java/dev/outdial/activities/metrics/PlatformMetrics.java",
            "app/src/main/java/dev/outdial/app/metrics/PlatformGauges.java")) {
      Matcher matcher = meter.matcher(Files.readString(root.resolve(source)));
      while (matcher.find()) {
        registered.add(matcher.group(1).replace('.', '_'));
      }
    }
    JsonNode dashboard =
        new ObjectMapper().readTree(root.resolve("ops/grafana/dashboards/outdial.json").toFile());
    Set<String> shown = new TreeSet<>();
    Pattern queried = Pattern.compile("outdial_[a-z_]+");
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher matcher = queried.matcher(target.path("expr").asText());
        while (matcher.find()) {
          shown.add(
              matcher.group().replaceAll("_(total|seconds|seconds_count|seconds_bucket)$", ""));
        }
      }
    }
    assertThat(shown).isNotEmpty();
    assertThat(registered).containsAll(shown);
  }

  /** Every setting described on the classpath: Spring Boot's, the libraries' and the app's own. */
  private static Set<ConfigurationPropertyName> knownProperties() throws IOException {
    Set<ConfigurationPropertyName> names = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String file :
        List.of(
            "META-INF/spring-configuration-metadata.json",
            "META-INF/additional-spring-configuration-metadata.json")) {
      for (URL url :
          Collections.list(ProductionShapeTest.class.getClassLoader().getResources(file))) {
        try (InputStream in = url.openStream()) {
          JsonNode metadata = json.readTree(in);
          for (JsonNode property : metadata.path("properties")) {
            ConfigurationPropertyName name =
                ConfigurationPropertyName.ofIfValid(property.path("name").asText());
            if (name != null) {
              names.add(name);
            }
          }
        }
      }
    }
    return names;
  }
}
