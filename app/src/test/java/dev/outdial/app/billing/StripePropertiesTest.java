package dev.outdial.app.billing;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import org.junit.jupiter.api.Test;

class StripePropertiesTest {

  private static StripeProperties withApiBase(String apiBase) {
    return new StripeProperties("sk_live_secret", "", 10, "usd", "s", "c", apiBase, 300);
  }

  @Test
  void theSecretKeyGoesOnlyToStripeOrAStandInOnThisMachine() {
    assertThatNoException().isThrownBy(() -> withApiBase("https://api.stripe.com"));
    assertThatNoException().isThrownBy(() -> withApiBase("http://127.0.0.1:4567"));
    assertThatNoException().isThrownBy(() -> withApiBase("http://localhost:4567"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> withApiBase("https://stripe.attacker.example"))
        .withMessageContaining("may only be https://api.stripe.com");
    assertThatIllegalArgumentException().isThrownBy(() -> withApiBase("http://api.stripe.com"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> withApiBase("http://127.0.0.1.attacker.example:80"));
    assertThatIllegalArgumentException().isThrownBy(() -> withApiBase("not a url"));
  }
}
