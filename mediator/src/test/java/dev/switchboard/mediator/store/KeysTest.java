package dev.switchboard.mediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key layout of package-info: which keys share a Redis Cluster slot. */
class KeysTest {
    private final Keys keys = new Keys("sb");

    private static int slot(String key) {
        return SlotHash.getSlot(key);
    }

    @Test
    void aWalletsSessionAndMediationShareTheSlotOfItsMailboxAndRoutes() {
        String conn = "did:peer:2.Ez6LSexample";
        // the queue module's mailbox and route keys (queue/redis/Keys)
        int mailbox = slot("sb:mb:{" + conn + "}:pending");
        assertThat(slot("sb:rt:{" + conn + "}")).isEqualTo(mailbox);
        assertThat(List.of(
                        keys.live(conn),
                        keys.liveProtocol(conn),
                        keys.pickupUser(conn),
                        keys.mediation(conn),
                        keys.keylist(conn)))
                .allSatisfy(key -> assertThat(slot(key)).as(key).isEqualTo(mailbox));
        assertThat(slot(keys.live("4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS")))
                .isNotEqualTo(mailbox);
    }

    @Test
    void aSocketsWalletSharesTheSlotOfTheQueuesConnectionRecord() {
        assertThat(slot(keys.socket("relay-1/c7"))).isEqualTo(slot("sb:conn:{relay-1/c7}"));
    }

    @Test
    void bracesFromClientsCannotPickTheSlot() {
        assertThat(keys.idempotency("message", "a}{b")).isEqualTo("sb:idem:message:{a)(b}");
        assertThat(slot(keys.live("{x}y"))).isEqualTo(slot("sb:mb:{(x)y}:pending"));
    }

    @Test
    void dueSetBucketsSpreadEvenlyOverTheSlotsOfThreeShards() {
        // redis-cli --cluster create splits the 16,384 slots into three contiguous ranges
        for (var bucketKey : List.<java.util.function.IntFunction<String>>of(keys::deadlines, keys::pushDue)) {
            int[] perShard = new int[3];
            java.util.Set<Integer> slots = new java.util.HashSet<>();
            for (int i = 0; i < keys.dueSetBuckets(); i++) {
                int slot = slot(bucketKey.apply(i));
                slots.add(slot);
                perShard[slot * 3 / SlotHash.SLOT_COUNT]++;
            }
            assertThat(slots).as("one slot per bucket").hasSize(16);
            assertThat(java.util.Arrays.stream(perShard).boxed().toList())
                    .as("buckets per shard")
                    .allSatisfy(n -> assertThat(n).isBetween(5, 6));
        }
        assertThat(keys.deadlines(0)).startsWith("sb:deadlines:{dl.0.");
        assertThat(keys.pushDue(15)).startsWith("sb:push:due:{pd.15.");
    }

    @Test
    void aWalletAlwaysMapsToTheSameBucket() {
        String conn = "did:peer:2.Ez6LSexample";
        assertThat(new Keys("sb", 16).bucketOf(conn))
                .isEqualTo(keys.bucketOf(conn))
                .isBetween(0, 15);
        assertThat(new Keys("sb", 1).bucketOf(conn)).isZero();
    }
}
