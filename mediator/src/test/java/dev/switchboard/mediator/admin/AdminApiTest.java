package dev.switchboard.mediator.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.mediator.identity.MediatorIdentity;
import dev.switchboard.mediator.testing.Flows;
import dev.switchboard.mediator.testing.RecordingRelay;
import dev.switchboard.mediator.testing.TestWallet;
import dev.switchboard.queue.mailbox.Mailboxes;
import dev.switchboard.socketdock.protocol.Heartbeat;
import dev.switchboard.socketdock.protocol.SocketDockJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API against a real Redis and a loopback relay stand-in, as the README's curl session: a wallet's
 * mailbox listed, a dead letter requeued and delivered live, calls without the token refused with 401; bad
 * input answered with RFC 9457 problems; a wallet's removal; audit events for every mutation.
 */
@QuarkusTest
class AdminApiTest {
    private static final String TOKEN = "switchboard-test-admin-token-0123456789";
    private static final String PICKUP = "https://didcomm.org/messagepickup/2.0/";

    @Inject
    MediatorIdentity identity;

    @Inject
    Mailboxes mailboxes;

    RecordingRelay relay;
    final List<String> audit = new CopyOnWriteArrayList<>();
    final Handler auditHandler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            audit.add(String.valueOf(
                    record.getParameters() == null
                            ? record.getMessage()
                            : String.format(record.getMessage(), record.getParameters())));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() {
        relay = new RecordingRelay("relay-" + UUID.randomUUID());
        java.util.logging.Logger.getLogger(AuditLog.CATEGORY).addHandler(auditHandler);
    }

    @AfterEach
    void stop() {
        relay.close();
        java.util.logging.Logger.getLogger(AuditLog.CATEGORY).removeHandler(auditHandler);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    @Test
    void listsAMailboxRequeuesADeadLetterThatIsDeliveredAndRefusesCallsWithoutTheToken() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String conn = wallet.verkey();
        String key = Flows.registerRecipientKey(wallet);
        // a sender forwards a message while the wallet is offline
        assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                        .statusCode())
                .isEqualTo(202);

        // found by its recipient DID: keylist, mailbox
        admin().queryParam("did", key)
                .get("/admin/wallets")
                .then()
                .statusCode(200)
                .body("connection", equalTo(conn))
                .body("keylist", hasItem(key))
                .body("mediation_granted", containsString("T"))
                .body("mailbox.pending_count", equalTo(1));
        admin().get("/admin/wallets/{c}/mailbox", conn)
                .then()
                .statusCode(200)
                .body("pending_count", equalTo(1))
                .body("pending_bytes", greaterThan(100))
                .body("in_flight_count", equalTo(0));

        // a message that expired unread leaves a dead letter (the sweep of the next mailbox read drops it)
        String expiredId = "expired-" + UUID.randomUUID();
        byte[] expired = TestWallet.bytes(Flows.innerEnvelope());
        Instant now = Instant.now();
        mailboxes
                .enqueue(conn, expiredId, expired, now.minusSeconds(60), now.minusSeconds(1))
                .toCompletableFuture()
                .join();
        admin().get("/admin/wallets/{c}/mailbox", conn).then().body("pending_count", equalTo(1));
        admin().get("/admin/wallets/{c}/dead-letters", conn)
                .then()
                .statusCode(200)
                .body("[0].message_id", equalTo(expiredId))
                .body("[0].reason", equalTo("EXPIRED"))
                .body("[0].size", equalTo(expired.length));

        // the wallet comes online in live mode and takes the waiting message
        String socket = "s-" + UUID.randomUUID();
        assertThat(relay.frame(socket, wallet.pack(liveOn())).statusCode()).isEqualTo(200);
        assertThat(wallet.unpack(relay.next(socket)).path("@type").asText()).isEqualTo(PICKUP + "status");
        ObjectNode first = wallet.unpack(relay.next(socket));
        assertThat(ids(first)).hasSize(1).doesNotContain(expiredId);
        acknowledge(wallet, socket, first);

        // requeued: delivered at once over the live socket, and no longer a dead letter
        admin().post("/admin/wallets/{c}/dead-letters/{id}/requeue", conn, expiredId)
                .then()
                .statusCode(200)
                .body("message_id", equalTo(expiredId))
                .body("pending_count", equalTo(1));
        ObjectNode requeued = wallet.unpack(relay.next(socket));
        assertThat(requeued.path("@type").asText()).isEqualTo(PICKUP + "delivery");
        assertThat(ids(requeued)).containsExactly(expiredId);
        acknowledge(wallet, socket, requeued);
        admin().get("/admin/wallets/{c}/dead-letters", conn).then().body("size()", equalTo(0));
        admin().post("/admin/wallets/{c}/dead-letters/{id}/requeue", conn, expiredId)
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/admin/problems/not-found"))
                .body("status", equalTo(404));
        assertThat(audit)
                .anySatisfy(line -> assertThat(line)
                        .contains("action=dead-letter.requeue")
                        .contains("outcome=requeued")
                        .contains("wallet_ref=" + AuditLog.walletRef(conn))
                        .doesNotContain(conn));

        // without the token, or with another one: 401, problem JSON, a Bearer challenge
        for (RequestSpecification call : List.of(
                given(),
                given().header("Authorization", "Bearer " + TOKEN + "x"),
                given().auth().basic("a", "b"))) {
            call.get("/admin/wallets/{c}/mailbox", conn)
                    .then()
                    .statusCode(401)
                    .contentType(Problem.MEDIA_TYPE)
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("type", equalTo("/admin/problems/unauthorized"))
                    .body("status", equalTo(401));
        }
        given().post("/admin/wallets/{c}/dead-letters/{id}/requeue", conn, expiredId)
                .then()
                .statusCode(401);
    }

    @Test
    void badInputGetsProblemDetails() {
        admin().get("/admin/wallets").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        admin().queryParam("did", "did:key:z6Mkx")
                .queryParam("connection", "x")
                .get("/admin/wallets")
                .then()
                .statusCode(400)
                .body("type", equalTo("/admin/problems/bad-request"));
        admin().queryParam("did", "did:example:nobody")
                .get("/admin/wallets")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        admin().get("/admin/wallets/{c}", Flows.freshVerkey())
                .then()
                .statusCode(404)
                .body("title", equalTo("Not found"))
                .body("instance", containsString("/admin/wallets/"));
        for (String limit : List.of("0", "1001", "ten")) {
            admin().queryParam("limit", limit)
                    .get("/admin/wallets/{c}/dead-letters", Flows.freshVerkey())
                    .then()
                    .statusCode(400)
                    .contentType(Problem.MEDIA_TYPE)
                    .body("detail", containsString("limit"));
        }
        admin().delete("/admin/wallets/{c}", Flows.freshVerkey()).then().statusCode(404);
    }

    @Test
    void removingAWalletDeletesItsMediationKeysMailboxAndSessions() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String conn = wallet.verkey();
        String key = Flows.registerRecipientKey(wallet);
        String socket = "s-" + UUID.randomUUID();
        assertThat(relay.frame(socket, wallet.pack(TestWallet.message(PICKUP + "status-request")))
                        .statusCode())
                .isEqualTo(200);
        relay.next(socket);
        assertThat(TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()))
                        .statusCode())
                .isEqualTo(202);
        admin().get("/admin/wallets/{c}", conn).then().statusCode(200).body("routes.size()", equalTo(1));

        admin().delete("/admin/wallets/{c}", conn)
                .then()
                .statusCode(200)
                .body("mediation_revoked", equalTo(true))
                .body("keys_removed", equalTo(1))
                .body("messages_deleted", equalTo(1))
                .body("routes_removed", equalTo(1));

        admin().get("/admin/wallets/{c}", conn).then().statusCode(404);
        admin().queryParam("did", key).get("/admin/wallets").then().statusCode(404);
        var status = mailboxes.status(conn).toCompletableFuture().join();
        assertThat(status.pendingCount() + status.inFlightCount()).isZero();
        assertThat(audit)
                .anySatisfy(line -> assertThat(line)
                        .contains("action=wallet.remove")
                        .contains("outcome=removed")
                        .doesNotContain(conn));
    }

    @Test
    void statsReportAliveRelaysTheirSocketsAndTheTotalsOfAllMailboxes() {
        TestWallet wallet = Flows.mediatedWallet(identity);
        String key = Flows.registerRecipientKey(wallet);
        TestWallet.post(Flows.forward(identity, key, Flows.innerEnvelope()));
        String relayId = "relay-" + UUID.randomUUID();
        byte[] beat = SocketDockJson.write(new Heartbeat(relayId, "http://127.0.0.1:1", 7, Instant.now()));
        assertThat(relay.post("/socketdock/heartbeat", beat).statusCode()).isEqualTo(200);
        admin().get("/admin/stats")
                .then()
                .statusCode(200)
                .body("relays.find { it.instance_id == '" + relayId + "' }.connections", equalTo(7))
                .body("relays_alive", greaterThan(0))
                .body("sockets", greaterThan(6))
                .body("mailbox_totals_kept", equalTo(true))
                .body("stored_messages", greaterThan(0))
                .body("stored_bytes", greaterThan(0))
                .body("mailboxes_pending", greaterThan(0));
    }

    @Test
    void theOpenApiDocumentDescribesTheAdminApiAndItsBearerScheme() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(
                        "paths",
                        org.hamcrest.Matchers.hasKey("/admin/wallets/{connection}/dead-letters/{messageId}/requeue"))
                .body("paths", org.hamcrest.Matchers.hasKey("/admin/stats"))
                .body("components.securitySchemes.adminToken.scheme", equalTo("bearer"));
    }

    private static ObjectNode liveOn() {
        ObjectNode change = TestWallet.message(PICKUP + "live-delivery-change");
        change.put("live_delivery", true);
        return change;
    }

    private void acknowledge(TestWallet wallet, String socket, ObjectNode delivery) {
        ObjectNode received = TestWallet.message(PICKUP + "messages-received");
        ids(delivery).forEach(received.putArray("message_id_list")::add);
        assertThat(relay.frame(socket, wallet.pack(received)).statusCode()).isEqualTo(200);
        relay.next(socket); // its status
    }

    private static List<String> ids(ObjectNode delivery) {
        List<String> ids = new ArrayList<>();
        delivery.path("~attach").forEach(a -> ids.add(a.path("@id").asText()));
        return ids;
    }
}
