package dev.outdial.activities.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Optional;

/** Turns the phone numbers people type into E.164, the only form Outdial stores and dials. */
public final class PhoneNumbers {

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /** A number in E.164, or why the input is not a number we can dial. */
  public sealed interface Result {}

  public record Valid(String e164, String region) implements Result {}

  public record Invalid(String reason) implements Result {}

  /**
   * Normalizes {@code input}. A number without a leading {@code +} (or {@code 00}) is read in
   * {@code defaultRegion} (ISO 3166 code such as {@code US}, {@code IN}, {@code GB}).
   */
  public static Result normalize(String input, String defaultRegion) {
    if (input == null || input.isBlank()) {
      return new Invalid("is empty");
    }
    String region =
        defaultRegion == null || defaultRegion.isBlank()
            ? null
            : defaultRegion.strip().toUpperCase(Locale.ROOT);
    if (region != null && !UTIL.getSupportedRegions().contains(region)) {
      return new Invalid("default_region " + defaultRegion + " is not a known ISO country code");
    }
    String text = input.strip();
    if (text.startsWith("00")) {
      text = "+" + text.substring(2);
    }
    PhoneNumber number;
    try {
      number = UTIL.parse(text, region == null ? "ZZ" : region);
    } catch (NumberParseException e) {
      if (e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE) {
        return new Invalid(
            "'"
                + input.strip()
                + "' has no country code: write it as +<country><number> or give a"
                + " default_region");
      }
      return new Invalid("'" + input.strip() + "' is not a phone number");
    }
    if (!UTIL.isValidNumber(number)) {
      return new Invalid("'" + input.strip() + "' is not a valid phone number");
    }
    return new Valid(
        UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
        UTIL.getRegionCodeForNumber(number));
  }

  /** The E.164 form, or empty when the input is not a valid number. */
  public static Optional<String> toE164(String input, String defaultRegion) {
    return normalize(input, defaultRegion) instanceof Valid valid
        ? Optional.of(valid.e164())
        : Optional.empty();
  }
}
