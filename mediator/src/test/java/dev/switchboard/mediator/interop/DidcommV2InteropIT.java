package dev.switchboard.mediator.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.did.DidPeer2;
import dev.switchboard.mediator.testing.RedisTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DIDComm v2 through the whole system with real v2 libraries from npm: a built mediator and a built relay as
 * child processes; senders pack with didcomm-node 0.4.1 (authcrypt ECDH-1PU+A256KW, A256CBC-HS512) and with
 * Veramo 7.0.1 (authcrypt, A256GCM) for a recipient whose did:peer:2 routes through the mediator (both
 * libraries forward-wrap to the mediator's key) and POST to it; the recipient, on a WebSocket through the
 * relay, mediates (coordinate-mediation 2.0 / 3.0), picks up (messagepickup 3.0 batch / message-pickup 4.0
 * live) and unpacks. The recipient's WebSocket transport is Java (java.net.http); all its packing and
 * unpacking is done by didcomm-node (messages to and from the mediator) and by the sender's library (the
 * delivered message).
 */
class DidcommV2InteropIT {
    private static final String CM2 = "https://didcomm.org/coordinate-mediation/2.0/";
    private static final String CM3 = "https://didcomm.org/coordinate-mediation/3.0/";
    private static final String PICKUP3 = "https://didcomm.org/messagepickup/3.0/";
    private static final String PICKUP4 = "https://didcomm.org/message-pickup/4.0/";

    static Stack stack;
    static Stack.Mediator mediator;
    static Stack.Relay relay;
    static String mediatorDid;
    static DidDocument mediatorDoc;

    @BeforeAll
    static void start() throws Exception {
        V2Cli.assumeNode();
        stack = new Stack();
        int port = RedisTestResource.freePort();
        relay = stack.relay("relay-v2", URI.create("http://127.0.0.1:" + port + "/"));
        mediator = stack.mediator("mediator-v2", port, List.of(relay.wsUrl()));
        String invitation = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(mediator.url().resolve("/invitation?v=2"))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        mediatorDid = V2Cli.JSON.readTree(invitation).path("from").asText();
        mediatorDoc = DidPeer2.document(mediatorDid);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static int post(String packed) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(mediator.url())
                                .header("Content-Type", "application/didcomm-encrypted+json")
                                .POST(HttpRequest.BodyPublishers.ofString(packed))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The recipient sends {@code message} on its socket and unpacks the mediator's answer with didcomm-node. */
    private static ObjectNode exchange(NpmWallet recipient, RelaySocket socket, ObjectNode message) {
        socket.send(recipient.nodePack(message, mediatorDid, false, List.of(mediatorDoc)));
        return receive(recipient, socket);
    }

    private static ObjectNode receive(NpmWallet recipient, RelaySocket socket) {
        ObjectNode out = recipient.nodeUnpack(socket.next(), List.of(mediatorDoc));
        assertThat(out.at("/metadata/authenticated").asBoolean()).isTrue();
        assertThat(out.at("/metadata/encrypted_from_kid").asText()).startsWith(mediatorDid + "#");
        return (ObjectNode) out.get("message");
    }

    private static ObjectNode update(NpmWallet recipient, String type) {
        ObjectNode update = recipient.message(type, mediatorDid);
        ((ObjectNode) update.get("body"))
                .putArray("updates")
                .addObject()
                .put("recipient_did", recipient.did)
                .put("action", "add");
        return update;
    }

    @Test
    void didcommNodeSenderCoordinateMediation2AndPickup3Batch() throws Exception {
        NpmWallet recipient =
                new NpmWallet(mediatorDid + "#key-2", mediator.url().toString());
        NpmWallet sender = new NpmWallet(null, "");
        try (RelaySocket socket = new RelaySocket(relay.wsUrl())) {
            ObjectNode grant = exchange(recipient, socket, recipient.message(CM2 + "mediate-request", mediatorDid));
            assertThat(grant.path("type").asText()).isEqualTo(CM2 + "mediate-grant");
            assertThat(grant.at("/body/routing_did").asText()).isEqualTo(mediatorDid);
            ObjectNode updated = exchange(recipient, socket, update(recipient, CM2 + "keylist-update"));
            assertThat(updated.at("/body/updated/0/result").asText()).isEqualTo("success");
            // a pickup user: from now on messages come only in pickup answers, never raw on the socket
            ObjectNode empty = exchange(recipient, socket, recipient.message(PICKUP3 + "status-request", mediatorDid));
            assertThat(empty.at("/body/message_count").asInt()).isZero();

            ObjectNode hello = sender.message("https://didcomm.org/basicmessage/2.0/message", recipient.did);
            hello.remove("return_route");
            ((ObjectNode) hello.get("body")).put("content", "hello from didcomm-node");
            String packed = sender.nodePack(hello, recipient.did, true, List.of(recipient.document(), mediatorDoc));
            assertThat(post(packed)).isEqualTo(202);

            ObjectNode request = recipient.message(PICKUP3 + "delivery-request", mediatorDid);
            ((ObjectNode) request.get("body")).put("limit", 10);
            ObjectNode delivery = exchange(recipient, socket, request);
            assertThat(delivery.path("type").asText()).isEqualTo(PICKUP3 + "delivery");
            JsonNode attachment = delivery.at("/attachments/0");
            String inner = new String(
                    Base64.getUrlDecoder().decode(attachment.at("/data/base64").asText()), StandardCharsets.UTF_8);
            ObjectNode opened = recipient.nodeUnpack(inner, List.of(sender.document(), mediatorDoc));
            assertThat(opened.at("/message/body/content").asText()).isEqualTo("hello from didcomm-node");
            assertThat(opened.at("/metadata/authenticated").asBoolean()).isTrue();
            assertThat(opened.at("/metadata/encrypted_from_kid").asText()).startsWith(sender.did + "#");

            ObjectNode received = recipient.message(PICKUP3 + "messages-received", mediatorDid);
            ((ObjectNode) received.get("body"))
                    .putArray("message_id_list")
                    .add(attachment.path("id").asText());
            ObjectNode status = exchange(recipient, socket, received);
            assertThat(status.path("type").asText()).isEqualTo(PICKUP3 + "status");
            assertThat(status.at("/body/message_count").asInt()).isZero();
        }
    }

    @Test
    void veramoSenderCoordinateMediation3AndPickup4Live() throws Exception {
        NpmWallet recipient =
                new NpmWallet(mediatorDid + "#key-2", mediator.url().toString());
        NpmWallet sender = new NpmWallet(null, "");
        try (RelaySocket socket = new RelaySocket(relay.wsUrl())) {
            ObjectNode grant = exchange(recipient, socket, recipient.message(CM3 + "mediate-request", mediatorDid));
            assertThat(grant.path("type").asText()).isEqualTo(CM3 + "mediate-grant");
            assertThat(grant.at("/body/routing_did/0").asText()).isEqualTo(mediatorDid);
            ObjectNode updated = exchange(recipient, socket, update(recipient, CM3 + "recipient-update"));
            assertThat(updated.at("/body/updated/0/result").asText()).isEqualTo("success");

            ObjectNode live = recipient.message(PICKUP4 + "live-delivery-change", mediatorDid);
            ((ObjectNode) live.get("body")).put("live_delivery", true);
            ObjectNode status = exchange(recipient, socket, live);
            assertThat(status.at("/body/live_delivery").asBoolean()).isTrue();

            ObjectNode hello = sender.message("https://didcomm.org/basicmessage/2.0/message", recipient.did);
            hello.remove("return_route");
            ((ObjectNode) hello.get("body")).put("content", "hello from Veramo");
            assertThat(post(sender.veramoPack(hello))).isEqualTo(202);

            ObjectNode delivery = receive(recipient, socket);
            assertThat(delivery.path("type").asText()).isEqualTo(PICKUP4 + "delivery");
            JsonNode attachment = delivery.at("/attachments/0");
            ObjectNode opened = recipient.veramoUnpack(V2Cli.JSON.writeValueAsString(attachment.at("/data/json")));
            assertThat(opened.at("/message/body/content").asText()).isEqualTo("hello from Veramo");
            assertThat(opened.at("/metaData/packing").asText()).isEqualTo("authcrypt");

            ObjectNode received = recipient.message(PICKUP4 + "messages-received", mediatorDid);
            ((ObjectNode) received.get("body"))
                    .putArray("message_id_list")
                    .add(attachment.path("id").asText());
            assertThat(exchange(recipient, socket, received)
                            .at("/body/message_count")
                            .asInt())
                    .isZero();
        }
    }
}
