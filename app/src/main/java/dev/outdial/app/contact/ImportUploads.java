package dev.outdial.app.contact;

import dev.outdial.app.security.CurrentUser;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.WebUtils;

/**
 * Files uploaded to the console's import, kept between the upload and the confirmation: each in a
 * temporary file named by a random id, and the ids a session uploaded in that session. A request
 * names an upload only by its id, which is looked up among its own session's; no path ever comes
 * from a form. Files go when imported, when the session ends, when a session holds more than a few,
 * and when the app stops.
 */
@Component
class ImportUploads {

  /** The largest file the console keeps; the API takes larger ones. */
  static final long MAX_BYTES = 20L * 1024 * 1024;

  /** Uploads one session keeps at once (one per browser tab, say); the oldest goes first. */
  static final int PER_SESSION = 3;

  private static final Logger log = LoggerFactory.getLogger(ImportUploads.class);
  private static final String ATTRIBUTE = ImportUploads.class.getName();

  private final Path folder;

  ImportUploads() throws IOException {
    this.folder = Files.createTempDirectory("outdial-imports-");
  }

  /** An upload: its id, who uploaded it, and the file's name and size as the browser sent them. */
  record Upload(String id, UUID owner, String filename, long size) implements Serializable {}

  /** Keeps the file for the session; the caller checks its size first. */
  Upload keep(HttpSession session, CurrentUser caller, MultipartFile file) throws IOException {
    String id = UUID.randomUUID().toString();
    Path target = path(id);
    try (InputStream in = file.getInputStream()) {
      Files.copy(in, target);
    }
    String filename =
        file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
            ? "the file"
            : Path.of(file.getOriginalFilename()).getFileName().toString();
    Upload upload = new Upload(id, caller.id(), filename, file.getSize());
    held(session).add(upload, folder);
    return upload;
  }

  /**
   * The session's upload with this id, if it still has it and the caller made it (a session that
   * changed hands by a new sign-in keeps its attributes).
   */
  Optional<Upload> find(HttpSession session, CurrentUser caller, String id) {
    Held held = (Held) session.getAttribute(ATTRIBUTE);
    return held == null
        ? Optional.empty()
        : held.get(id).filter(upload -> upload.owner().equals(caller.id()));
  }

  /** The upload's bytes; empty when its file is gone (the app restarted). */
  Optional<InputStream> open(Upload upload) {
    try {
      return Optional.of(Files.newInputStream(path(upload.id())));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgets the upload and deletes its file. */
  void discard(HttpSession session, Upload upload) {
    Held held = (Held) session.getAttribute(ATTRIBUTE);
    if (held != null) {
      held.remove(upload.id(), folder);
    }
  }

  @PreDestroy
  void deleteAll() {
    try (Stream<Path> files = Files.list(folder)) {
      files.forEach(ImportUploads::deleteQuietly);
    } catch (IOException e) {
      log.warn("Could not list the import folder {}", folder, e);
    }
    deleteQuietly(folder);
  }

  private Path path(String id) {
    // The id is ours (a UUID we made), never text from a request.
    return folder.resolve(UUID.fromString(id) + ".csv");
  }

  private Held held(HttpSession session) {
    synchronized (WebUtils.getSessionMutex(session)) {
      Held held = (Held) session.getAttribute(ATTRIBUTE);
      if (held == null) {
        held = new Held();
        session.setAttribute(ATTRIBUTE, held);
      }
      return held;
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete the uploaded file {}", file, e);
    }
  }

  /** A session's uploads, oldest first; their files are deleted as the session ends. */
  static final class Held implements HttpSessionBindingListener, Serializable {
    private final LinkedHashMap<String, Upload> uploads = new LinkedHashMap<>();
    private String folder;

    synchronized void add(Upload upload, Path in) {
      folder = in.toString();
      uploads.put(upload.id(), upload);
      List<String> evicted = new ArrayList<>();
      for (Map.Entry<String, Upload> oldest : uploads.entrySet()) {
        if (uploads.size() - evicted.size() <= PER_SESSION) {
          break;
        }
        evicted.add(oldest.getKey());
      }
      evicted.forEach(id -> remove(id, in));
    }

    synchronized Optional<Upload> get(String id) {
      return Optional.ofNullable(uploads.get(id));
    }

    synchronized void remove(String id, Path in) {
      if (uploads.remove(id) != null) {
        deleteQuietly(in.resolve(id + ".csv"));
      }
    }

    @Override
    public synchronized void valueUnbound(HttpSessionBindingEvent event) {
      if (folder != null) {
        uploads.keySet().forEach(id -> deleteQuietly(Path.of(folder, id + ".csv")));
      }
      uploads.clear();
    }
  }
}
