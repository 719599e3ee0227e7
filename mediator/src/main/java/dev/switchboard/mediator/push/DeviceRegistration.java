package dev.switchboard.mediator.push;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One wallet's device as its {@code set-device-info} registered it.
 *
 * @param provider FCM (RFC 0734) or APNs (RFC 0699)
 * @param token the {@code device_token}, never blank
 * @param platform the {@code device_platform} (RFC 0734 only; e.g. {@code android}, {@code ios}), or null
 */
public record DeviceRegistration(
        PushProvider provider, String token, @Nullable String platform) {
    public DeviceRegistration {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token: blank (expected: a device token)");
        }
    }
}
