package dev.outdial.app.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outdial.app.web.CsvExport;
import dev.outdial.app.web.SearchPatterns;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Contacts, always scoped to their owner. */
@Repository
public class ContactRepository {

  private static final String COLUMNS =
      """
      id, name, phone_number, email, company, notes, is_customer, do_not_call, is_auto_created,
      auto_created_from_call_id, auto_creation_source, not_connected, user_data::text AS user_data,
      created_at, updated_at
      """;
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final RowMapper<ContactView> rowMapper = this::map;

  public ContactRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public UUID insert(UUID userId, NewContact contact) {
    return jdbc.sql(
            """
            INSERT INTO contacts (user_id, name, phone_number, email, company, notes, is_customer,
                                  user_data)
            VALUES (:userId, :name, :phone, :email, :company, :notes, :isCustomer,
                    CAST(:userData AS jsonb))
            RETURNING id
            """)
        .param("userId", userId)
        .param("name", contact.name())
        .param("phone", contact.phoneNumber())
        .param("email", contact.email())
        .param("company", contact.company())
        .param("notes", contact.notes())
        .param("isCustomer", contact.isCustomer())
        .param("userData", write(contact.userData()))
        .query(UUID.class)
        .single();
  }

  public Optional<ContactView> find(UUID userId, UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE id = :id AND user_id = :userId")
        .param("id", id)
        .param("userId", userId)
        .query(rowMapper)
        .optional();
  }

  /**
   * The contacts of a user that match the list's filters ({@code pattern} matches name, number,
   * email or company, ignoring case); shared by the list and the export.
   */
  private static final String MATCHING =
      """
       FROM contacts
      WHERE user_id = :userId
        AND (CAST(:pattern AS text) IS NULL
             OR name ILIKE :pattern OR phone_number ILIKE :pattern
             OR email ILIKE :pattern OR company ILIKE :pattern)
        AND (CAST(:isCustomer AS boolean) IS NULL OR is_customer = :isCustomer)
      """;

  /** The columns of a contacts export, in order. */
  static final List<String> EXPORT_COLUMNS =
      List.of(
          "id",
          "name",
          "phone_number",
          "email",
          "company",
          "notes",
          "is_customer",
          "do_not_call",
          "not_connected",
          "created_at");

  /** Every matching contact, newest first, for the CSV export. */
  CsvExport.Query export(UUID userId, String search, Boolean isCustomer) {
    Map<String, Object> params = new HashMap<>();
    params.put("userId", userId);
    params.put("pattern", SearchPatterns.containing(search));
    params.put("isCustomer", isCustomer);
    return new CsvExport.Query(
        EXPORT_COLUMNS,
        "SELECT "
            + String.join(", ", EXPORT_COLUMNS)
            + MATCHING
            + " ORDER BY created_at DESC, id DESC",
        params);
  }

  /**
   * A page of the user's contacts, newest first, after the keyset position when one is given.
   * {@code search} matches name, number, email or company, ignoring case.
   */
  public List<ContactView> findPage(
      UUID userId,
      String search,
      Boolean isCustomer,
      Instant afterCreatedAt,
      UUID afterId,
      int size) {
    String pattern = SearchPatterns.containing(search);
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + MATCHING
                + """
                  AND (CAST(:afterCreatedAt AS timestamptz) IS NULL
                       OR (created_at, id) < (CAST(:afterCreatedAt AS timestamptz), :afterId))
                ORDER BY created_at DESC, id DESC
                LIMIT :size
                """)
        .param("userId", userId)
        .param("pattern", pattern)
        .param("isCustomer", isCustomer)
        .param("afterCreatedAt", afterCreatedAt == null ? null : Timestamp.from(afterCreatedAt))
        .param("afterId", afterId)
        .param("size", size)
        .query(rowMapper)
        .list();
  }

  public boolean update(UUID userId, UUID id, ContactPatch patch, String e164) {
    return jdbc.sql(
                """
                UPDATE contacts SET
                  name = COALESCE(:name, name),
                  phone_number = COALESCE(:phone, phone_number),
                  email = CASE WHEN :setEmail THEN :email ELSE email END,
                  company = CASE WHEN :setCompany THEN :company ELSE company END,
                  notes = CASE WHEN :setNotes THEN :notes ELSE notes END,
                  is_customer = COALESCE(:isCustomer, is_customer),
                  do_not_call = COALESCE(:doNotCall, do_not_call),
                  user_data = COALESCE(CAST(:userData AS jsonb), user_data),
                  updated_at = now()
                WHERE id = :id AND user_id = :userId
                """)
            .param("id", id)
            .param("userId", userId)
            .param("name", patch.name() == null ? null : patch.name().strip())
            .param("phone", e164)
            .param("setEmail", patch.email() != null)
            .param("email", blankToNull(patch.email()))
            .param("setCompany", patch.company() != null)
            .param("company", blankToNull(patch.company()))
            .param("setNotes", patch.notes() != null)
            .param("notes", blankToNull(patch.notes()))
            .param("isCustomer", patch.isCustomer())
            .param("doNotCall", patch.doNotCall())
            .param("userData", patch.userData() == null ? null : write(patch.userData()))
            .update()
        == 1;
  }

  public boolean delete(UUID userId, UUID id) {
    return jdbc.sql("DELETE FROM contacts WHERE id = :id AND user_id = :userId")
            .param("id", id)
            .param("userId", userId)
            .update()
        == 1;
  }

  String write(Map<String, Object> userData) {
    try {
      return json.writeValueAsString(userData == null ? Map.of() : userData);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("user_data is not serializable", e);
    }
  }

  private ContactView map(ResultSet rs, int row) throws SQLException {
    Map<String, Object> userData;
    try {
      userData = json.readValue(rs.getString("user_data"), MAP);
    } catch (JsonProcessingException e) {
      throw new SQLException("contacts.user_data is not a JSON object", e);
    }
    return new ContactView(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("phone_number"),
        rs.getString("email"),
        rs.getString("company"),
        rs.getString("notes"),
        rs.getBoolean("is_customer"),
        rs.getBoolean("do_not_call"),
        rs.getBoolean("is_auto_created"),
        rs.getObject("auto_created_from_call_id", UUID.class),
        rs.getString("auto_creation_source"),
        rs.getInt("not_connected"),
        userData,
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** A contact ready to insert: the number already in E.164. */
  public record NewContact(
      String name,
      String phoneNumber,
      String email,
      String company,
      String notes,
      boolean isCustomer,
      Map<String, Object> userData) {}
}
