package dev.outdial.activities.bolna;

/**
 * Bolna did not do what was asked. Says what Bolna answered (status and message), whether trying
 * again may help, and whether the request may have been accepted anyway, which decides if a call
 * may be placed again or must be looked up first.
 */
public class BolnaException extends RuntimeException {

  /** Why a request failed. */
  public enum Kind {
    /** 401 or 403: the API key is wrong or lacks rights. */
    AUTH,
    /** 400, 404, 422 and other 4xx: the request itself is wrong; repeating it fails again. */
    REJECTED,
    /** 429: over the rate limit; repeat after a while. */
    RATE_LIMITED,
    /** 5xx: Bolna failed; repeating may work. */
    SERVER,
    /** No answer: connection refused, reset or timed out. */
    TRANSPORT
  }

  private final Kind kind;
  private final int status;
  private final boolean mayHaveBeenAccepted;

  public BolnaException(
      Kind kind, int status, String message, boolean mayHaveBeenAccepted, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
    this.mayHaveBeenAccepted = mayHaveBeenAccepted;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status Bolna answered, or 0 when it did not answer. */
  public int status() {
    return status;
  }

  /** Whether repeating the same request may succeed. */
  public boolean retryable() {
    return kind == Kind.RATE_LIMITED || kind == Kind.SERVER || kind == Kind.TRANSPORT;
  }

  /**
   * Whether Bolna may have acted on the request although it failed here: the request was sent and
   * no answer came back (read timeout, reset), or a gateway timed out in front of Bolna. Then a
   * placed call must be looked up, never placed again.
   */
  public boolean mayHaveBeenAccepted() {
    return mayHaveBeenAccepted;
  }
}
