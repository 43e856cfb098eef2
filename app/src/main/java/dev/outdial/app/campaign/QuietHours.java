package dev.outdial.app.campaign;

import dev.outdial.activities.campaign.DailyWindow;
import dev.outdial.app.system.SystemConfigRepository;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The platform's quiet hours in each recipient's local time: no campaign dials into them, whatever
 * its window says. The start value comes from {@code OUTDIAL_QUIET_HOURS} (default {@code
 * 21:00-08:00}, the US TCPA rule; {@code off} switches them off); a super_admin's change is kept in
 * {@code system_config} and wins over it.
 */
@Component
public class QuietHours {

  static final String CONFIG_KEY = "quiet_hours";

  private final SystemConfigRepository config;
  private final DailyWindow configured;

  public QuietHours(
      SystemConfigRepository config, @Value("${outdial.quiet-hours:21:00-08:00}") String setting) {
    this.config = config;
    this.configured = parse(setting);
  }

  /** The quiet hours now, or null when switched off. */
  @Transactional(readOnly = true)
  public DailyWindow current() {
    // "off" parses to null, so no Optional.map here: it would turn a stored "off" into the default.
    var stored = config.find(CONFIG_KEY);
    return stored.isPresent() ? parse(stored.get().replace("\"", "")) : configured;
  }

  /** Sets the quiet hours, or switches them off with null. */
  @Transactional
  public void set(DailyWindow window, UUID changedBy) {
    config.put(CONFIG_KEY, "\"" + (window == null ? "off" : window.toString()) + "\"", changedBy);
  }

  private static DailyWindow parse(String setting) {
    return "off".equalsIgnoreCase(setting.strip()) ? null : DailyWindow.parse(setting);
  }
}
