package org.barometer.app.respond;

import java.util.Locale;

/**
 * A coarse device class from the User-Agent header, for paradata: phone, tablet or desktop. Coarse on purpose:
 * the header is easily faked, and a finer guess would be a fingerprint.
 */
public enum DeviceClass {
    PHONE, TABLET, DESKTOP;

    public static DeviceClass of(String userAgent) {
        if (userAgent == null) {
            return DESKTOP;
        }
        String ua = userAgent.toLowerCase(Locale.ROOT);
        if (ua.contains("ipad") || ua.contains("tablet") || ua.contains("kindle") || ua.contains("silk/")
                || (ua.contains("android") && !ua.contains("mobile"))) {
            return TABLET;
        }
        if (ua.contains("iphone") || ua.contains("ipod") || ua.contains("mobile") || ua.contains("windows phone")) {
            return PHONE;
        }
        return DESKTOP;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
