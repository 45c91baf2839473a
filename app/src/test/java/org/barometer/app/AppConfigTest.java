package org.barometer.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

import org.barometer.app.platform.AppConfig;
class AppConfigTest {
    @Test
    void defaultsApplyWhenNothingIsSet() {
        AppConfig config = AppConfig.fromEnvironment(Map.of());
        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.publicUrl()).isNull();
        assertThat(config.secureCookies()).isFalse();
    }

    @Test
    void settingsComeFromTheEnvironment() {
        AppConfig config = AppConfig.fromEnvironment(Map.of("BAROMETER_PORT", "8081",
                "BAROMETER_PUBLIC_URL", "https://barometer.example", "BAROMETER_SECURE_COOKIES", "true",
                "BAROMETER_SMTP_HOST", "mail.example"));
        assertThat(config.port()).isEqualTo(8081);
        assertThat(config.publicUrl()).isEqualTo("https://barometer.example");
        assertThat(config.secureCookies()).isTrue();
        assertThat(config.setting("BAROMETER_SMTP_HOST", "")).isEqualTo("mail.example");
    }

    @Test
    void aBadPortIsNamed() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("BAROMETER_PORT", "seventy")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BAROMETER_PORT")
                .hasMessageContaining("seventy");
    }

    @Test
    void serveWithoutADatabaseUrlExplainsWhatToSet() throws Exception {
        assertThat(Server.serve(Map.of())).isEqualTo(2);
    }
}
