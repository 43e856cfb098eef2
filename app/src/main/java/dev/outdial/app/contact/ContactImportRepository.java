package dev.outdial.app.contact;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Writes a batch of imported rows in one statement. */
@Repository
class ContactImportRepository {

  private final JdbcClient jdbc;

  ContactImportRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One row of a file, its number already in E.164 and its extra columns as a JSON object. */
  record Row(
      String name,
      String phoneNumber,
      String email,
      String company,
      String notes,
      String userData) {}

  /** How many rows of a batch were inserted and how many changed an existing contact. */
  record Outcome(int inserted, int updated) {}

  /**
   * Inserts the rows, or updates the user's contact with the same number; blank optional fields
   * keep what the contact had. A row that would change nothing is not written. The numbers of one
   * batch must be distinct.
   */
  Outcome upsert(UUID userId, List<Row> rows) {
    List<Boolean> written =
        jdbc.sql(
                """
                INSERT INTO contacts (user_id, name, phone_number, email, company, notes, user_data)
                SELECT :userId, r.name, r.phone, r.email, r.company, r.notes, CAST(r.user_data AS jsonb)
                FROM unnest(CAST(:names AS text[]), CAST(:phones AS text[]), CAST(:emails AS text[]),
                            CAST(:companies AS text[]), CAST(:notes AS text[]),
                            CAST(:userData AS text[]))
                     AS r(name, phone, email, company, notes, user_data)
                ON CONFLICT (user_id, phone_number) DO UPDATE SET
                  name = EXCLUDED.name,
                  email = COALESCE(EXCLUDED.email, contacts.email),
                  company = COALESCE(EXCLUDED.company, contacts.company),
                  notes = COALESCE(EXCLUDED.notes, contacts.notes),
                  user_data = contacts.user_data || EXCLUDED.user_data,
                  updated_at = now()
                WHERE (contacts.name, contacts.email, contacts.company, contacts.notes,
                       contacts.user_data)
                  IS DISTINCT FROM
                      (EXCLUDED.name, COALESCE(EXCLUDED.email, contacts.email),
                       COALESCE(EXCLUDED.company, contacts.company),
                       COALESCE(EXCLUDED.notes, contacts.notes),
                       contacts.user_data || EXCLUDED.user_data)
                RETURNING (xmax = 0) AS inserted
                """)
            .param("userId", userId)
            .param("names", rows.stream().map(Row::name).toArray(String[]::new))
            .param("phones", rows.stream().map(Row::phoneNumber).toArray(String[]::new))
            .param("emails", rows.stream().map(Row::email).toArray(String[]::new))
            .param("companies", rows.stream().map(Row::company).toArray(String[]::new))
            .param("notes", rows.stream().map(Row::notes).toArray(String[]::new))
            .param("userData", rows.stream().map(Row::userData).toArray(String[]::new))
            .query(Boolean.class)
            .list();
    int inserted = (int) written.stream().filter(Boolean::booleanValue).count();
    return new Outcome(inserted, written.size() - inserted);
  }
}
