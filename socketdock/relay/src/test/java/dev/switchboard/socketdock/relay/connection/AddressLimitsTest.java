package dev.switchboard.socketdock.relay.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.socketdock.relay.connection.AddressLimits.Admission;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressLimitsTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private static InetAddress ip(int n) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
    }

    @Test
    void openConnectionsPerAddressAreCappedAndCountedBack() throws Exception {
        AddressLimits limits = new AddressLimits(2, 0, 100, now::get);
        InetAddress a = ip(1);
        assertThat(limits.tryOpen(a)).isEqualTo(Admission.ADMITTED);
        assertThat(limits.tryOpen(a)).isEqualTo(Admission.ADMITTED);
        assertThat(limits.tryOpen(a)).isEqualTo(Admission.ADDRESS_SOCKETS);
        assertThat(limits.tryOpen(ip(2))).as("another address is not affected").isEqualTo(Admission.ADMITTED);
        limits.close(a);
        assertThat(limits.open(a)).isEqualTo(1);
        assertThat(limits.tryOpen(a)).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void newConnectionsPerSecondAreATokenBucketRefilledContinuously() throws Exception {
        AddressLimits limits = new AddressLimits(0, 4, 100, now::get);
        InetAddress a = ip(1);
        for (int i = 0; i < 4; i++) {
            assertThat(limits.tryOpen(a)).isEqualTo(Admission.ADMITTED);
        }
        assertThat(limits.tryOpen(a)).isEqualTo(Admission.ADDRESS_RATE);
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(250)); // one token back
        assertThat(limits.tryOpen(a)).isEqualTo(Admission.ADMITTED);
        assertThat(limits.tryOpen(a)).isEqualTo(Admission.ADDRESS_RATE);
        now.addAndGet(TimeUnit.SECONDS.toNanos(10)); // never more than one second's worth
        for (int i = 0; i < 4; i++) {
            assertThat(limits.tryOpen(a)).isEqualTo(Admission.ADMITTED);
        }
        assertThat(limits.tryOpen(a)).isEqualTo(Admission.ADDRESS_RATE);
        assertThat(new AddressLimits(0, 0, 1, now::get).enabled()).isFalse();
    }

    @Test
    void oneHundredThousandAddressesLeaveTheTableBoundedButKeepThoseWithOpenConnections() throws Exception {
        AddressLimits limits = new AddressLimits(1, 0, 1000, now::get);
        InetAddress held = ip(0);
        assertThat(limits.tryOpen(held)).isEqualTo(Admission.ADMITTED);
        for (int i = 1; i <= 100_000; i++) {
            InetAddress a = ip(i);
            assertThat(limits.tryOpen(a)).isEqualTo(Admission.ADMITTED);
            limits.close(a);
        }
        limits.cleanUp();
        assertThat(limits.size()).isLessThanOrEqualTo(1001);
        assertThat(limits.open(held))
                .as("an address with an open connection is never evicted")
                .isEqualTo(1);
        assertThat(limits.tryOpen(held)).isEqualTo(Admission.ADDRESS_SOCKETS);
    }
}
