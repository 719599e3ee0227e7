package dev.switchboard.queue.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeysTest {

    private final Keys keys = new Keys("sb");

    @Test
    void everyKeyOfAMailboxAndItsRoutesLandsOnOneClusterSlot() {
        for (String recipient : new String[] {"did:key:z6MkTest", "weird}{name", "{}", "ü"}) {
            String[] mailbox = keys.mailbox(recipient);
            int slot = SlotHash.getSlot(mailbox[0]);
            assertThat(Arrays.stream(mailbox).mapToInt(SlotHash::getSlot)).containsOnly(slot);
            assertThat(SlotHash.getSlot(keys.routes(recipient))).isEqualTo(slot);
        }
        assertThat(keys.mailbox("a")[0]).isEqualTo("sb:mb:{a}:pending");
        assertThat(SlotHash.getSlot(keys.mailbox("a")[0])).isNotEqualTo(SlotHash.getSlot(keys.mailbox("b")[0]));
    }

    @Test
    void bracesInIdsCannotChangeTheHashTag() {
        assertThat(Keys.tag("x}y{z")).isEqualTo("{x)y(z}");
    }
}
