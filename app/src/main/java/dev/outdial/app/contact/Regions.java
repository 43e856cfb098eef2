package dev.outdial.app.contact;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The countries a number written without its country code can be read in, for the console's
 * "default region" selects: the most asked-for first, then every region libphonenumber knows.
 */
final class Regions {

  /** A region's ISO code and its English name, as {@code United States (US)}. */
  record Region(String code, String label) {}

  static final List<Region> COMMON =
      List.of(
              "US", "GB", "IN", "CA", "AU", "DE", "FR", "ES", "IT", "NL", "IE", "NZ", "SG", "AE",
              "ZA", "BR", "MX")
          .stream()
          .map(Regions::of)
          .toList();

  static final List<Region> ALL =
      PhoneNumberUtil.getInstance().getSupportedRegions().stream()
          .map(Regions::of)
          .sorted(Comparator.comparing(Region::label))
          .toList();

  private Regions() {}

  private static Region of(String code) {
    String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    return new Region(
        code, (name.isBlank() || name.equals(code) ? code : name) + " (" + code + ")");
  }

  /** The region a form chose, or null for none. */
  static String chosen(String code) {
    return code == null || code.isBlank() ? null : code.strip();
  }
}
