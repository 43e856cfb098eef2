package dev.outdial.app.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A request whose fields passed the annotations but not a deeper check, such as a phone number. */
public class InvalidFieldsException extends ApiException {

  private final List<FieldError> errors;

  public InvalidFieldsException(List<FieldError> errors) {
    super(
        HttpStatus.BAD_REQUEST,
        "Validation failed",
        String.join(
            "; ", errors.stream().map(error -> error.field() + " " + error.message()).toList()));
    this.errors = errors;
  }

  public List<FieldError> errors() {
    return errors;
  }
}
