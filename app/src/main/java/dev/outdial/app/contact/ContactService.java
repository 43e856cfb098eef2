package dev.outdial.app.contact;

import dev.outdial.activities.contact.PhoneNumbers;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.CsvExport;
import dev.outdial.app.web.Cursor;
import dev.outdial.app.web.FieldError;
import dev.outdial.app.web.InvalidFieldsException;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's contacts, each number stored once per user in E.164. */
@Service
public class ContactService {

  private final ContactRepository contacts;

  public ContactService(ContactRepository contacts) {
    this.contacts = contacts;
  }

  @Transactional
  public ContactView create(CurrentUser caller, CreateContactRequest request) {
    String e164 = e164(request.phoneNumber(), request.defaultRegion());
    var contact =
        new ContactRepository.NewContact(
            request.name().strip(),
            e164,
            ContactRepository.blankToNull(request.email()),
            ContactRepository.blankToNull(request.company()),
            ContactRepository.blankToNull(request.notes()),
            Boolean.TRUE.equals(request.isCustomer()),
            request.userData());
    UUID id;
    try {
      id = contacts.insert(caller.id(), contact);
    } catch (DuplicateKeyException e) {
      throw duplicate(e164);
    }
    return contacts.find(caller.id(), id).orElseThrow();
  }

  @Transactional(readOnly = true)
  public ContactView get(CurrentUser caller, UUID id) {
    return contacts.find(caller.id(), id).orElseThrow(() -> ApiException.notFound("Contact"));
  }

  @Transactional(readOnly = true)
  public Page<ContactView> list(
      CurrentUser caller, String search, Boolean isCustomer, PageRequest page) {
    Cursor after = page.cursor();
    var rows =
        contacts.findPage(
            caller.id(),
            search,
            isCustomer,
            after == null ? null : after.at(),
            after == null ? null : after.id(),
            page.fetchSize());
    return Cursor.page(rows, page, contact -> new Cursor(contact.createdAt(), contact.id()));
  }

  /** Every contact the list's filters match, newest first, as the rows of a CSV export. */
  public CsvExport.Query export(CurrentUser caller, String search, Boolean isCustomer) {
    return contacts.export(caller.id(), search, isCustomer);
  }

  @Transactional
  public ContactView update(CurrentUser caller, UUID id, ContactPatch patch) {
    String e164 =
        patch.phoneNumber() == null ? null : e164(patch.phoneNumber(), patch.defaultRegion());
    try {
      if (!contacts.update(caller.id(), id, patch, e164)) {
        throw ApiException.notFound("Contact");
      }
    } catch (DuplicateKeyException e) {
      throw duplicate(e164);
    }
    return get(caller, id);
  }

  @Transactional
  public void delete(CurrentUser caller, UUID id) {
    if (!contacts.delete(caller.id(), id)) {
      throw ApiException.notFound("Contact");
    }
  }

  private static String e164(String phoneNumber, String defaultRegion) {
    PhoneNumbers.Result number = PhoneNumbers.normalize(phoneNumber, defaultRegion);
    if (number instanceof PhoneNumbers.Invalid invalid) {
      throw new InvalidFieldsException(List.of(new FieldError("phone_number", invalid.reason())));
    }
    return ((PhoneNumbers.Valid) number).e164();
  }

  private static ApiException duplicate(String e164) {
    return new ApiException(
        HttpStatus.CONFLICT,
        "Duplicate contact",
        "You have a contact with the number " + e164 + " already");
  }
}
