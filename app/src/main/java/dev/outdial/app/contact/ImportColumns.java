package dev.outdial.app.contact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outdial.app.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which columns of an import file go where: {@code name} (one column, or several joined with spaces
 * such as first and last name), {@code phone_number}, {@code email}, {@code company} and {@code
 * notes}; every other column with a value goes to {@code user_data} under its normalized header.
 * Found from the headers of the common exports (HubSpot, Google Contacts, Salesforce, Outlook, our
 * own names), or given explicitly.
 */
final class ImportColumns {

  /** Where a header sends its column, by normalized header, in order of preference. */
  private static final Map<String, List<String>> CANDIDATES =
      Map.of(
          "name",
          List.of("name", "full_name", "contact_name", "display_name"),
          "phone_number",
          List.of(
              "phone_number",
              "phone",
              "phone_no",
              "mobile",
              "mobile_phone",
              "mobile_phone_number",
              "cell_phone",
              "phone_1_value",
              "primary_phone",
              "business_phone",
              "work_phone",
              "home_phone",
              "telephone",
              "tel",
              "number",
              "contact_number"),
          "email",
          List.of(
              "email",
              "email_address",
              "e_mail",
              "e_mail_address",
              "e_mail_1_value",
              "email_1_value"),
          "company",
          List.of(
              "company",
              "company_name",
              "account_name",
              "organization",
              "organization_name",
              "organization_1_name"),
          "notes",
          List.of("notes", "note", "description"));

  private static final List<String> FIRST_NAMES = List.of("first_name", "given_name", "firstname");
  private static final List<String> MIDDLE_NAMES = List.of("middle_name", "additional_name");
  private static final List<String> LAST_NAMES =
      List.of("last_name", "family_name", "surname", "lastname");

  /** Our fields, in the order they are looked for. */
  static final List<String> FIELDS = List.of("name", "phone_number", "email", "company", "notes");

  private final List<String> header;
  private final String format;
  private final Map<String, List<Integer>> fields;
  private final Map<Integer, String> extra;

  private ImportColumns(
      List<String> header, String format, Map<String, List<Integer>> fields, int count) {
    this.header = header;
    this.format = format;
    this.fields = fields;
    Set<Integer> used = fields.values().stream().flatMap(List::stream).collect(Collectors.toSet());
    this.extra = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String key = normalize(header.get(i));
      if (!used.contains(i) && !key.isEmpty()) {
        extra.put(i, key);
      }
    }
  }

  static String normalize(String header) {
    return header
        .strip()
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]+", "_")
        .replaceAll("^_|_$", "");
  }

  /** The columns found from the headers; refused when no name or no phone number is found. */
  static ImportColumns detect(List<String> header) {
    List<String> keys = header.stream().map(ImportColumns::normalize).toList();
    Map<String, List<Integer>> fields = new LinkedHashMap<>();
    for (String field : FIELDS) {
      for (String candidate : CANDIDATES.get(field)) {
        int index = keys.indexOf(candidate);
        if (index >= 0) {
          fields.put(field, List.of(index));
          break;
        }
      }
    }
    if (!fields.containsKey("name")) {
      List<Integer> parts = new ArrayList<>();
      for (List<String> part : List.of(FIRST_NAMES, MIDDLE_NAMES, LAST_NAMES)) {
        part.stream().map(keys::indexOf).filter(i -> i >= 0).findFirst().ifPresent(parts::add);
      }
      if (!parts.isEmpty()) {
        fields.put("name", List.copyOf(parts));
      }
    }
    List<String> missing =
        List.of("name", "phone_number").stream().filter(f -> !fields.containsKey(f)).toList();
    if (!missing.isEmpty()) {
      throw ApiException.badRequest(
          "The header row has no "
              + String.join(" or ", missing)
              + " column (found: "
              + String.join(", ", header)
              + "); name the columns name and phone_number, or send a mapping such as"
              + " {\"name\": [\"First\", \"Last\"], \"phone_number\": \"Tel\"}");
    }
    return new ImportColumns(header, formatOf(keys), fields, header.size());
  }

  private static String formatOf(List<String> keys) {
    if (keys.contains("phone_1_value") || keys.contains("e_mail_1_value")) {
      return "google_contacts";
    }
    if (keys.contains("e_mail_address") || keys.contains("business_phone")) {
      return "outlook";
    }
    if (keys.contains("account_name") || keys.contains("lead_source")) {
      return "salesforce";
    }
    if (keys.contains("company_name") || keys.contains("record_id")) {
      return "hubspot";
    }
    return "standard";
  }

  /**
   * The columns a user chose: a JSON object from our fields to a header of the file, or for {@code
   * name} a list of headers joined with spaces. Refused, naming the fault, when a field or a header
   * is unknown or {@code name} or {@code phone_number} is missing.
   */
  static ImportColumns explicit(List<String> header, JsonNode mapping) {
    if (mapping == null || !mapping.isObject()) {
      throw ApiException.badRequest(
          "mapping must be a JSON object such as"
              + " {\"name\": [\"First\", \"Last\"], \"phone_number\": \"Tel\"}");
    }
    Map<String, List<Integer>> fields = new LinkedHashMap<>();
    var entries = mapping.fields();
    while (entries.hasNext()) {
      var entry = entries.next();
      String field = entry.getKey();
      if (!FIELDS.contains(field)) {
        throw ApiException.badRequest(
            "mapping has the unknown field "
                + field
                + "; the fields are name, phone_number, email, company and notes");
      }
      List<String> columns = new ArrayList<>();
      if (entry.getValue().isArray() && "name".equals(field)) {
        entry.getValue().forEach(column -> columns.add(column.asText()));
      } else if (entry.getValue().isTextual()) {
        columns.add(entry.getValue().asText());
      } else {
        throw ApiException.badRequest(
            "mapping."
                + field
                + " must be a column of the file"
                + ("name".equals(field) ? " or a list of columns" : ""));
      }
      List<Integer> indexes = new ArrayList<>();
      for (String column : columns) {
        int index = indexOf(header, column);
        if (index < 0) {
          throw ApiException.badRequest(
              "mapping."
                  + field
                  + " names the column '"
                  + column
                  + "', which the file does not have (found: "
                  + String.join(", ", header)
                  + ")");
        }
        indexes.add(index);
      }
      fields.put(field, List.copyOf(indexes));
    }
    for (String required : List.of("name", "phone_number")) {
      if (!fields.containsKey(required) || fields.get(required).isEmpty()) {
        throw ApiException.badRequest("mapping needs a column for " + required);
      }
    }
    return new ImportColumns(header, "custom", fields, header.size());
  }

  /** A header as written, or the one that normalizes alike. */
  private static int indexOf(List<String> header, String column) {
    int exact = header.indexOf(column);
    if (exact >= 0) {
      return exact;
    }
    String wanted = normalize(column);
    for (int i = 0; i < header.size(); i++) {
      if (normalize(header.get(i)).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  int count() {
    return header.size();
  }

  /** The value of {@code field} in a row: its columns' values joined with spaces, or null. */
  String get(List<String> row, String field) {
    List<Integer> indexes = fields.get(field);
    if (indexes == null) {
      return null;
    }
    String value =
        indexes.stream()
            .filter(i -> i < row.size())
            .map(i -> row.get(i).strip())
            .filter(v -> !v.isEmpty())
            .collect(Collectors.joining(" "));
    return value.isEmpty() ? null : value;
  }

  Map<String, String> extras(List<String> row) {
    Map<String, String> values = new LinkedHashMap<>();
    extra.forEach(
        (index, key) -> {
          if (index < row.size() && !row.get(index).isBlank()) {
            values.putIfAbsent(key, row.get(index));
          }
        });
    return values;
  }

  /** What the report says about the columns it used. */
  ImportReport.Mapping describe() {
    return new ImportReport.Mapping(
        format,
        headers("name"),
        single("phone_number"),
        single("email"),
        single("company"),
        single("notes"),
        List.copyOf(extra.values()));
  }

  private List<String> headers(String field) {
    return fields.getOrDefault(field, List.of()).stream().map(header::get).toList();
  }

  private String single(String field) {
    List<String> headers = headers(field);
    return headers.isEmpty() ? null : headers.get(0);
  }
}
