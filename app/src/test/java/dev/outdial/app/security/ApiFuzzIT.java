package dev.outdial.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.outdial.app.testing.ApiTestSupport;
import dev.outdial.app.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Schemathesis fuzzes every operation of the app's own {@code /v3/api-docs} as a signed-in
 * customer: examples, boundary values and random (also invalid) input, then sequences of calls that
 * follow the links between operations. No answer may be a 5xx, and every answer must match the
 * spec: its status, content type, headers and body schema. A bounded number of examples per
 * operation runs here ({@code OUTDIAL_FUZZ_EXAMPLES}, default 10); a longer run by hand is {@code
 * OUTDIAL_FUZZ_EXAMPLES=200 ./mvnw -B verify -pl app -Dit.test=ApiFuzzIT -Dtest=NONE
 * -Dsurefire.failIfNoSpecifiedTests=false}. Reports go to {@code target/schemathesis/}.
 *
 * <p>Schemathesis comes from PyPI ({@code pip install schemathesis}; {@code .ci/run} installs it in
 * a virtual environment and names it with {@code OUTDIAL_SCHEMATHESIS}). Without it the test skips
 * and says so; under {@code CI=true} it fails.
 */
class ApiFuzzIT extends ApiTestSupport {

  private static final String INSTALL =
      "API fuzzing needs schemathesis: pip install schemathesis"
          + " (or OUTDIAL_SCHEMATHESIS=/path/to/st)";

  @Test
  void everyOperationAnswersAsItsSpecSaysAndNeverWithA5xx() throws Exception {
    String schemathesis = ExternalTools.requireOrSkip("OUTDIAL_SCHEMATHESIS", "st", INSTALL);
    TestUser customer = signup("fuzz");
    Path reports = Files.createDirectories(Path.of("target", "schemathesis"));
    Path output = reports.resolve("output.txt");
    Files.writeString(reports.resolve("api-docs.json"), api.get("/v3/api-docs", null).body());
    List<String> command =
        new ArrayList<>(
            List.of(
                schemathesis,
                "--config-file",
                Path.of("src", "test", "resources", "schemathesis.toml")
                    .toAbsolutePath()
                    .toString(),
                "run",
                "http://127.0.0.1:" + port + "/v3/api-docs",
                "--header",
                "Authorization: Bearer " + customer.token(),
                "--max-examples",
                System.getenv().getOrDefault("OUTDIAL_FUZZ_EXAMPLES", "10"),
                "--seed",
                System.getenv().getOrDefault("OUTDIAL_FUZZ_SEED", "20261207"),
                // One worker: Hypothesis's parsing of its own sources is not safe across threads.
                "--workers",
                "1",
                // Nothing kept between runs: each run is the seed's alone, and nothing is written
                // into the source tree.
                "--generation-database",
                "none",
                "--request-timeout",
                "30",
                "--no-color",
                "--report",
                "junit,ndjson",
                "--report-dir",
                reports.toAbsolutePath().toString()));
    Process process =
        new ProcessBuilder(command)
            // Its caches land beside its reports, never in the source tree.
            .directory(reports.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    if (!process.waitFor(20, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      fail("schemathesis did not finish in 20 minutes; its output: " + output.toAbsolutePath());
    }
    String report = Files.readString(output);
    assertThat(process.exitValue())
        .as(
            "schemathesis found answers that break the spec or 5xx (%s):%n%s",
            output.toAbsolutePath(), report)
        .isZero();
    assertThat(report)
        .as("every operation was tested")
        .containsPattern("Selected: (\\d+)/\\1\\R\\s*Tested: \\1\\R");
  }
}
