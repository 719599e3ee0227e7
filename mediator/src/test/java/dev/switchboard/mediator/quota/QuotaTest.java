package dev.switchboard.mediator.quota;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.Ed25519Keys;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.mediation.MediationStore;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.QuotaProfile;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.queue.mailbox.Mailboxes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every quota of {@code switchboard.quota.*} answered with its code, against the real mediator and Redis
 * ({@link QuotaProfile}: small limits on a key prefix of their own). Each test speaks from addresses of its
 * own ({@code X-Forwarded-For}, trusted from loopback in this profile). Ordered: the global caps (stored bytes,
 * mediations) are filled last, since they hold for the whole profile.
 */
@QuarkusTest
@TestProfile(QuotaProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuotaTest {
    private static final String CM = "https://didcomm.org/coordinate-mediation/1.0/";
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    @Inject
    MediatorIdentity identity;

    @Inject
    Mailboxes mailboxes;

    @Inject
    MediationStore mediations;

    /** A client address of its own (one per call unless reused), in 198.51.100.0/24 (RFC 5737). */
    private static String freshAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    private static Response post(byte[] packed, String address) {
        return given().contentType("application/didcomm-envelope-enc")
                .header("X-Forwarded-For", address)
                .body(packed)
                .post("/")
                .andReturn();
    }

    private static ObjectNode call(TestWallet wallet, ObjectNode message) {
        Response response = post(wallet.pack(message), freshAddress());
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return wallet.unpack(response.asByteArray());
    }

    private ObjectNode requestMediation(TestWallet wallet) {
        return call(wallet, TestWallet.message(CM + "mediate-request"));
    }

    private TestWallet mediated() {
        TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
        assertThat(requestMediation(wallet).path("@type").asText()).isEqualTo(CM + "mediate-grant");
        return wallet;
    }

    private static ObjectNode addKeys(TestWallet wallet, List<String> keys) {
        ObjectNode update = TestWallet.message(CM + "keylist-update");
        var updates = update.putArray("updates");
        keys.forEach(k -> updates.addObject().put("recipient_key", k).put("action", "add"));
        return call(wallet, update);
    }

    private static String freshKey() {
        return Ed25519Keys.didKey(Flows.freshVerkey());
    }

    private static String problemCode(ObjectNode reply) {
        assertThat(reply.path("@type").asText()).isEqualTo("https://didcomm.org/report-problem/1.0/problem-report");
        return reply.path("description").path("code").asText();
    }

    @Test
    @Order(1)
    void keysPastTheKeylistCapGetAProblemReport() {
        TestWallet wallet = mediated();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < QuotaProfile.MAX_KEYS; i++) {
            keys.add(freshKey());
        }
        ObjectNode response = addKeys(wallet, keys);
        assertThat(response.path("updated").findValuesAsText("result")).containsOnly("success");
        // a key already there is still fine; one more is refused with the quota's code
        assertThat(addKeys(wallet, List.of(keys.get(0)))
                        .path("updated")
                        .get(0)
                        .path("result")
                        .asText())
                .isEqualTo("no_change");
        assertThat(problemCode(addKeys(wallet, List.of(freshKey())))).isEqualTo("e.p.me.res.keylist");
    }

    @Test
    @Order(2)
    void oneSenderCannotFillAWallet() {
        TestWallet wallet = mediated();
        String key = freshKey();
        addKeys(wallet, List.of(key));
        TestWallet other = mediated();
        String otherKey = freshKey();
        addKeys(other, List.of(otherKey));
        String sender = freshAddress();
        for (int i = 0; i < QuotaProfile.MAX_PER_SENDER; i++) {
            assertThat(post(Flows.forward(identity, key, Flows.innerEnvelope()), sender)
                            .statusCode())
                    .isEqualTo(202);
        }
        Response refused = post(Flows.forward(identity, key, Flows.innerEnvelope()), sender);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.jsonPath().getString("code")).isEqualTo("e.p.me.res.storage.peer");
        // another sender to the same wallet, and the same sender to another wallet, are not affected
        assertThat(post(Flows.forward(identity, key, Flows.innerEnvelope()), freshAddress())
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(Flows.forward(identity, otherKey, Flows.innerEnvelope()), sender)
                        .statusCode())
                .isEqualTo(202);
        assertThat(mailboxes
                        .status(wallet.verkey())
                        .toCompletableFuture()
                        .join()
                        .pendingCount())
                .isEqualTo(QuotaProfile.MAX_PER_SENDER + 1);
    }

    @Test
    @Order(3)
    void repliesAreNotStoredForASenderWithoutAMediation() {
        TestWallet stranger = new TestWallet(identity.invitationKey().verkey());
        ObjectNode ping = TestWallet.message("https://didcomm.org/trust_ping/1.0/ping");
        ping.remove("~transport"); // no return route: the reply would be queued in the sender's mailbox
        ping.put("response_requested", true);
        assertThat(post(stranger.pack(ping), freshAddress()).statusCode()).isEqualTo(202);
        assertThat(mailboxes
                        .status(stranger.verkey())
                        .toCompletableFuture()
                        .join()
                        .pendingCount())
                .isZero();

        TestWallet mediated = mediated(); // the same with a mediation is stored
        ObjectNode ping2 = ping.deepCopy().put("@id", UUID.randomUUID().toString());
        assertThat(post(mediated.pack(ping2), freshAddress()).statusCode()).isEqualTo(202);
        assertThat(mailboxes
                        .status(mediated.verkey())
                        .toCompletableFuture()
                        .join()
                        .pendingCount())
                .isEqualTo(1);
    }

    @Test
    @Order(4)
    void requestsPastTheAddressRateGet429WithRetryAfter() {
        String address = freshAddress();
        Response last = null;
        for (int i = 0; i <= QuotaProfile.ADDRESS_BURST + 1; i++) {
            last = post("{}".getBytes(), address);
            if (last.statusCode() == 429) {
                break;
            }
            assertThat(last.statusCode()).isEqualTo(400); // not a message, but counted
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.header("Retry-After")).isEqualTo("1");
        assertThat(last.jsonPath().getString("code")).isEqualTo("e.p.me.res.rate");
        assertThat(post("{}".getBytes(), freshAddress()).statusCode()).isEqualTo(400); // another address
    }

    @Test
    @Order(5)
    void messagesPastTheSendersRateGet429WhateverTheAddress() {
        TestWallet wallet = mediated();
        Response last = null;
        for (int i = 0; i <= QuotaProfile.DID_BURST + 1; i++) {
            ObjectNode ping = TestWallet.message("https://didcomm.org/trust_ping/1.0/ping");
            last = post(wallet.pack(ping), freshAddress());
            if (last.statusCode() == 429) {
                break;
            }
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.jsonPath().getString("code")).isEqualTo("e.p.me.res.rate");
    }

    @Test
    @Order(6)
    void theGlobalByteBudgetRefusesWith507() {
        Response last = null;
        for (int w = 0; w < 40 && (last == null || last.statusCode() != 507); w++) {
            TestWallet wallet = mediated();
            String key = freshKey();
            addKeys(wallet, List.of(key));
            for (int i = 0; i < QuotaProfile.MAX_PER_SENDER; i++) {
                last = post(Flows.forward(identity, key, Flows.innerEnvelope()), freshAddress());
                if (last.statusCode() == 507) {
                    break;
                }
                assertThat(last.statusCode()).isEqualTo(202);
                sleep(60); // past the totals' refresh
            }
        }
        assertThat(last.statusCode()).isEqualTo(507);
        assertThat(last.jsonPath().getString("code")).isEqualTo("e.p.me.res.storage");
    }

    @Test
    @Order(7)
    void newMediationsPastTheCapAreRefusedUntilUnusedOnesLapse() {
        List<TestWallet> unused = new ArrayList<>();
        String refusal = null;
        for (int i = 0; i <= QuotaProfile.MAX_MEDIATIONS && refusal == null; i++) {
            TestWallet wallet = new TestWallet(identity.invitationKey().verkey());
            ObjectNode reply = requestMediation(wallet);
            if (reply.path("@type").asText().equals(CM + "mediate-grant")) {
                unused.add(wallet);
            } else {
                refusal = problemCode(reply);
            }
        }
        assertThat(refusal).isEqualTo("e.p.me.res.mediations");
        assertThat(unused).isNotEmpty();
        // a wallet holding a mediation is granted again at the cap
        assertThat(requestMediation(unused.get(0)).path("@type").asText()).isEqualTo(CM + "mediate-grant");

        // never used (no key registered), they lapse: their records expire and their places are free again.
        // Wait out the TTL of the newest of them (earlier tests' unused mediations lapse meanwhile too, so a
        // freed place alone would not show that these lapsed); probe once after it: a keylist-update to a
        // still-granted mediation would make it permanent.
        sleep(Duration.ofSeconds(QuotaProfile.UNUSED_MEDIATION_SECONDS + 2).toMillis());
        for (TestWallet lapsed : List.of(unused.get(1), unused.get(unused.size() - 1))) {
            assertThat(problemCode(addKeys(lapsed, List.of(freshKey())))).isEqualTo("e.p.req.mediation-not-granted");
        }
        assertThat(requestMediation(new TestWallet(identity.invitationKey().verkey()))
                        .path("@type")
                        .asText())
                .isEqualTo(CM + "mediate-grant");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
