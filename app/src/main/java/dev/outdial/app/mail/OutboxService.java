package dev.outdial.app.mail;

import dev.outdial.activities.mail.MailOutbox;
import dev.outdial.app.security.CurrentUser;
import dev.outdial.app.security.Role;
import dev.outdial.app.web.ApiException;
import dev.outdial.app.web.Cursor;
import dev.outdial.app.web.Page;
import dev.outdial.app.web.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox as a super_admin reads it. Only a super_admin: the mails hold links that verify
 * addresses and reset passwords.
 */
@Service
public class OutboxService {

  private final MailOutbox outbox;
  private final MailDelivery delivery;

  public OutboxService(MailOutbox outbox, MailDelivery delivery) {
    this.outbox = outbox;
    this.delivery = delivery;
  }

  /** Mails newest first, sent or not. */
  @Transactional(readOnly = true)
  public Page<OutboxMailView> list(CurrentUser caller, PageRequest page) {
    if (caller.role() != Role.SUPER_ADMIN) {
      throw ApiException.forbidden("Only a super_admin may read the outbox");
    }
    var rows =
        page.cursor() == null
            ? outbox.page(null, null, page.fetchSize())
            : outbox.page(page.cursor().at(), page.cursor().id(), page.fetchSize());
    return Cursor.page(
        rows.stream().map(OutboxMailView::of).toList(),
        page,
        mail -> new Cursor(mail.createdAt(), mail.id()));
  }

  /** Whether mails leave through SMTP, for the page that lists them. */
  public boolean smtp() {
    return delivery.smtp();
  }
}
