package dev.switchboard.mediator.transport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorDid;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.mediator.testing.TestWalletV2;
import dev.switchboard.socketdock.protocol.ConnectEvent;
import dev.switchboard.socketdock.protocol.Frame;
import dev.switchboard.socketdock.protocol.MessageEvent;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzzing suite of the mediator's ingress (issue 13): mutated DIDComm v1 and v2 envelopes, plaintext
 * messages of every handled type with random bodies (properly packed, so they reach the handlers), random
 * did:peer / did:key strings where DIDs and keys go, and mutated SocketDock JSON from an authenticated relay.
 * Every input gets a clear answer: no 5xx but 503 (shedding, or a store failure the sender retries); the
 * instance stays ready and a message stored before the run is still there. Seed printed on failure; a few
 * hundred inputs, well under 60 s.
 */
@QuarkusTest
class IngressFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static final List<String> V1_TYPES = List.of(
            "https://didcomm.org/coordinate-mediation/1.0/mediate-request",
            "https://didcomm.org/coordinate-mediation/1.0/keylist-update",
            "https://didcomm.org/coordinate-mediation/1.0/keylist-query",
            "https://didcomm.org/routing/1.0/forward",
            "https://didcomm.org/messagepickup/1.0/batch-pickup",
            "https://didcomm.org/messagepickup/2.0/status-request",
            "https://didcomm.org/messagepickup/2.0/delivery-request",
            "https://didcomm.org/messagepickup/2.0/messages-received",
            "https://didcomm.org/messagepickup/2.0/live-delivery-change",
            "https://didcomm.org/message-pickup/4.0/status-request",
            "https://didcomm.org/trust_ping/1.0/ping",
            "https://didcomm.org/discover-features/1.0/query",
            "https://didcomm.org/discover-features/2.0/queries",
            "https://didcomm.org/didexchange/1.1/request",
            "https://didcomm.org/connections/1.0/request",
            "https://didcomm.org/out-of-band/1.1/handshake-reuse",
            "https://didcomm.org/report-problem/1.0/problem-report");
    private static final List<String> V2_TYPES = List.of(
            "https://didcomm.org/coordinate-mediation/2.0/mediate-request",
            "https://didcomm.org/coordinate-mediation/2.0/keylist-update",
            "https://didcomm.org/coordinate-mediation/2.0/keylist-query",
            "https://didcomm.org/coordinate-mediation/3.0/recipient-update",
            "https://didcomm.org/coordinate-mediation/3.0/recipient-query",
            "https://didcomm.org/routing/2.0/forward",
            "https://didcomm.org/messagepickup/3.0/status-request",
            "https://didcomm.org/messagepickup/3.0/delivery-request",
            "https://didcomm.org/messagepickup/3.0/messages-received",
            "https://didcomm.org/messagepickup/3.0/live-delivery-change",
            "https://didcomm.org/message-pickup/4.0/delivery-request",
            "https://didcomm.org/message-pickup/4.0/live-delivery-change",
            "https://didcomm.org/trust-ping/2.0/ping",
            "https://didcomm.org/discover-features/2.0/queries",
            "https://didcomm.org/report-problem/2.0/problem-report");

    @Inject
    MediatorIdentity identity;

    @Inject
    MediatorDid mediatorDid;

    private final Random random = new Random(SEED);
    private final List<String> failures = new ArrayList<>();

    /** A random JSON value: the shapes handlers meet (DIDs, keys, numbers at the edges, nesting, big text). */
    private JsonNode value(int depth) {
        return switch (random.nextInt(depth > 2 ? 9 : 11)) {
            case 0 -> F.nullNode();
            case 1 -> F.textNode("");
            case 2 -> F.numberNode(random.nextBoolean() ? -1 : Long.MAX_VALUE);
            case 3 -> F.booleanNode(random.nextBoolean());
            case 4 -> F.textNode(did());
            case 5 -> F.textNode(Flows.freshVerkey());
            case 6 -> F.textNode("x".repeat(random.nextInt(20_000)));
            case 7 -> F.numberNode(random.nextDouble() * 1e300);
            case 8 -> F.textNode(new String(bytes(32), StandardCharsets.ISO_8859_1));
            case 9 -> {
                ArrayNode a = F.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(value(depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(field(), value(depth + 1));
                }
                yield o;
            }
        };
    }

    private static final List<String> FIELDS = List.of(
            "recipient_key",
            "recipient_did",
            "updates",
            "action",
            "to",
            "next",
            "msg",
            "limit",
            "message_count_limit",
            "max_receive_bytes",
            "message_id_list",
            "live_delivery",
            "queries",
            "feature-type",
            "match",
            "query",
            "routing_did",
            "attachments",
            "expires_time",
            "did",
            "did_doc~attach",
            "response_requested",
            "~thread",
            "thid",
            "pthid",
            "code",
            "comment",
            "batch_size",
            "paginate",
            "connection",
            "label");

    private String field() {
        return FIELDS.get(random.nextInt(FIELDS.size()));
    }

    private String did() {
        String[] prefixes = {
            "did:key:z6Mk",
            "did:key:z6LS",
            "did:peer:2.Ez6LS",
            "did:peer:2.Vz6Mk",
            "did:peer:4zQm",
            "did:peer:4zQm",
            "did:peer:1z",
            "did:peer:0z6Mk",
            "did:web:",
            "did:",
            ""
        };
        StringBuilder s = new StringBuilder(prefixes[random.nextInt(prefixes.length)]);
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz:.#?";
        for (int i = random.nextInt(random.nextBoolean() ? 60 : 6000); i > 0; i--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** One of: flip bytes, truncate, drop or replace a JSON member, or the bytes as they are. */
    private byte[] mutate(byte[] packed) {
        byte[] b = packed.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return b;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(b, random.nextInt(b.length));
            }
            case 2 -> {
                try {
                    ObjectNode node = (ObjectNode) JSON.readTree(b);
                    List<String> names = new ArrayList<>();
                    node.fieldNames().forEachRemaining(names::add);
                    String name = names.get(random.nextInt(names.size()));
                    if (random.nextBoolean()) {
                        node.remove(name);
                    } else {
                        node.set(name, value(0));
                    }
                    return JSON.writeValueAsBytes(node);
                } catch (Exception e) {
                    return b;
                }
            }
            default -> {
                return b;
            }
        }
    }

    private void check(String what, int status) {
        if (status >= 500 && status != 503) {
            failures.add(what + " -> " + status);
        }
    }

    private static int post(String contentType, byte[] body) {
        return given().contentType(contentType).body(body).post("/").statusCode();
    }

    @Test
    void everyInputGetsAClearAnswerAndTheInstanceAndStoredMessagesSurvive() throws Exception {
        TestWallet holder = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(holder);
        assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                        .statusCode())
                .isEqualTo(202);
        long stored = Flows.pendingCount(holder);
        assertThat(stored).isEqualTo(1);

        TestWallet v1 = new TestWallet(identity.invitationKey().verkey());
        TestWalletV2 v2 = new TestWalletV2(mediatorDid.did());
        RecordingRelay relay = new RecordingRelay("relay-fuzz");
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // v1: a handled type with random fields, packed properly; then a mutated envelope
                ObjectNode m1 = TestWallet.message(V1_TYPES.get(random.nextInt(V1_TYPES.size())));
                for (int i = random.nextInt(4); i > 0; i--) {
                    m1.set(field(), value(0));
                }
                byte[] p1 = v1.pack(m1);
                check("v1 " + m1, post(DidcommResource.ENVELOPE_ENC, p1));
                check("v1 mutated", post(DidcommResource.ENVELOPE_ENC, mutate(p1)));

                // v2: the same, plus a random did as the sender-declared 'to' of a plaintext
                ObjectNode m2 = TestWalletV2.message(V2_TYPES.get(random.nextInt(V2_TYPES.size())));
                ObjectNode body = TestWalletV2.body(m2);
                for (int i = random.nextInt(4); i > 0; i--) {
                    body.set(field(), value(0));
                }
                byte[] p2 = v2.pack(m2);
                check("v2 " + m2.path("type"), post(TestWalletV2.ENCRYPTED, p2));
                check("v2 mutated", post(TestWalletV2.ENCRYPTED, mutate(p2)));
                ObjectNode plain = m2.deepCopy();
                plain.put("from", did());
                plain.putArray("to").add(did());
                check("v2 plaintext", post(DidcommResource.PLAIN_V2, JSON.writeValueAsBytes(plain)));

                // garbage under every content type
                check("garbage", post(DidcommResource.ENVELOPE_ENC, bytes(random.nextInt(2000))));
                check("json", post(TestWalletV2.ENCRYPTED, JSON.writeValueAsBytes(value(0))));

                // SocketDock JSON from an authenticated relay: mutated events and frames carrying the above
                String socket = "fz" + round;
                byte[] connect = SocketDockJson.write(new ConnectEvent(relay.meta(socket)));
                check(
                        "connect mutated",
                        relay.post("/socketdock/connect", mutate(connect)).statusCode());
                byte[] frame = SocketDockJson.write(MessageEvent.of(
                        relay.meta(socket), round + 1, random.nextBoolean() ? Frame.TEXT : Frame.BINARY, mutate(p1)));
                check("frame", relay.post("/socketdock/message", frame).statusCode());
                check(
                        "message mutated",
                        relay.post("/socketdock/message", mutate(frame)).statusCode());
                check(
                        "disconnect",
                        relay.post("/socketdock/disconnect", JSON.writeValueAsBytes(value(0)))
                                .statusCode());
            }
        } finally {
            relay.close();
        }
        assertThat(failures).as("seed %d", SEED).isEmpty();
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(Flows.pendingCount(holder)).as("the stored message survived").isEqualTo(stored);
    }
}
