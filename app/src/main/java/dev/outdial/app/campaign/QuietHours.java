package dev.outdial.app.campaign;

import dev.outdial.activities.campaign.DailyWindow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The platform's quiet hours in each recipient's local time ({@code OUTDIAL_QUIET_HOURS}, default
 * {@code 21:00-08:00}, the US TCPA rule; {@code off} switches them off). No campaign dials into
 * them, whatever its window says.
 */
@Component
public class QuietHours {

  private final DailyWindow window;

  public QuietHours(@Value("${outdial.quiet-hours:21:00-08:00}") String setting) {
    this.window = "off".equalsIgnoreCase(setting.strip()) ? null : DailyWindow.parse(setting);
  }

  /** The quiet hours, or null when switched off. */
  public DailyWindow current() {
    return window;
  }
}
