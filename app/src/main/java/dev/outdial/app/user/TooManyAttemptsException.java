package dev.outdial.app.user;

import dev.outdial.app.web.ApiException;
import java.time.Duration;
import java.util.OptionalLong;
import org.springframework.http.HttpStatus;

/** A sign-in or sign-up refused for coming too often; it may be tried again after a while. */
public class TooManyAttemptsException extends ApiException {

  private final Duration retryAfter;

  TooManyAttemptsException(String detail, Duration retryAfter) {
    super(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts", detail);
    this.retryAfter = retryAfter;
  }

  /** How long to wait, in whole seconds and at least one. */
  @Override
  public OptionalLong retryAfterSeconds() {
    return OptionalLong.of(SignInThrottle.wholeSeconds(retryAfter));
  }
}
