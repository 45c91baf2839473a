package org.barometer.app.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void theForwardedAddressCountsOnlyFromATrustedProxy() {
        ClientAddress none = ClientAddress.trusting("");
        assertThat(none.of("127.0.0.1", "203.0.113.7")).isEqualTo("127.0.0.1");
        ClientAddress proxies = ClientAddress.trusting("10.0.0.0/8, 192.0.2.1, ::1");
        assertThat(proxies.of("10.1.2.3", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(proxies.of("::1", "203.0.113.7")).isEqualTo("203.0.113.7");
        // a client's own forged hops before the proxies' are ignored: the last untrusted hop is the client
        assertThat(proxies.of("10.1.2.3", "6.6.6.6, 203.0.113.7, 192.0.2.1")).isEqualTo("203.0.113.7");
        // not from a proxy: the header is the client's own words
        assertThat(proxies.of("198.51.100.4", "203.0.113.7")).isEqualTo("198.51.100.4");
        // a malformed header, or names instead of addresses, are not believed (and never looked up)
        assertThat(proxies.of("10.1.2.3", "evil.example")).isEqualTo("10.1.2.3");
        assertThat(proxies.of("10.1.2.3", "abc")).isEqualTo("10.1.2.3");
        assertThat(proxies.of("10.1.2.3", "10.0.0.1")).isEqualTo("10.1.2.3");
    }

    @Test
    void aSettingThatIsNotAnAddressOrRangeIsRefusedByName() {
        for (String bad : new String[] {"proxy.example", "10.0.0.0/33", "10.0.0/8", "300.1.1.1", "1.2.3.4/x"}) {
            assertThatThrownBy(() -> ClientAddress.trusting(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(ClientAddress.SETTING).hasMessageContaining(bad.split(",")[0]);
        }
    }
}
