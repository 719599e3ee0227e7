package dev.switchboard.mediator.push;

import java.util.List;
import java.util.Optional;

/**
 * Wallets' registered devices, shared by all mediator instances (Redis, in {@code store}); at most one per
 * wallet and provider. Blocking: call from worker or virtual threads.
 */
public interface DeviceRegistrations {

    /** Registers (or replaces) the wallet's device for {@code registration.provider()}. */
    void put(String conn, DeviceRegistration registration);

    /** The wallet's device for a provider, if registered. */
    Optional<DeviceRegistration> find(String conn, PushProvider provider);

    /** All of the wallet's devices (FCM first), empty when none. */
    List<DeviceRegistration> all(String conn);

    /** True when the wallet registered any device. */
    boolean any(String conn);

    /** Removes the wallet's device for a provider ({@code set-device-info} with null values). */
    void remove(String conn, PushProvider provider);

    /**
     * Removes the wallet's device only while its token is still {@code token} (the provider called it
     * unregistered; a re-registration meanwhile stays).
     *
     * @return true when it was removed
     */
    boolean removeIfToken(String conn, PushProvider provider, String token);
}
