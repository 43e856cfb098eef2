package dev.outdial.activities.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource({
    "+1 (415) 555-2671,     , +14155552671",
    "(415) 555-2671,      US, +14155552671",
    "415.555.2671,        us, +14155552671",
    "0044 20 7946 0958,     , +442079460958",
    "020 7946 0958,       GB, +442079460958",
    "+91 98765 43210,       , +919876543210",
    "098765 43210,        IN, +919876543210",
    "'  +4930123456  ',     , +4930123456",
  })
  void numbersInCommonFormatsBecomeE164(String input, String region, String expected) {
    assertThat(PhoneNumbers.normalize(input, region))
        .isInstanceOfSatisfying(
            PhoneNumbers.Valid.class, valid -> assertThat(valid.e164()).isEqualTo(expected));
  }

  @ParameterizedTest(name = "{0} in {1}: {2}")
  @CsvSource({
    "'',                , is empty",
    "(415) 555-2671,    , has no country code",
    "call me maybe,   US, is not a phone number",
    "+1 415 555,        , is not a valid phone number",
    "12345,           US, is not a valid phone number",
    "+14155552671,    XX, is not a known ISO country code",
  })
  void invalidInputSaysWhy(String input, String region, String reason) {
    assertThat(PhoneNumbers.normalize(input, region))
        .isInstanceOfSatisfying(
            PhoneNumbers.Invalid.class, invalid -> assertThat(invalid.reason()).contains(reason));
  }
}
