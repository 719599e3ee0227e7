package dev.switchboard.loadtest.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.did.DidDocuments;
import dev.switchboard.didcomm.did.DidPeer4;
import dev.switchboard.didcomm.did.Ed25519;
import dev.switchboard.didcomm.did.Verkeys;
import dev.switchboard.didcomm.v1.EncryptionEnvelope;
import dev.switchboard.didcomm.v1.UnpackedMessage;
import dev.switchboard.loadtest.ledger.Ledger;
import dev.switchboard.loadtest.sender.InnerMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One virtual mobile wallet talking DIDComm v1 to the mediator as a Credo 0.6 wallet in {@code
 * PickUpV2LiveMode} does, without doing I/O itself: it builds packed frames to send and interprets the frames
 * received. Not thread-safe: one virtual user drives it.
 *
 * <p>Keys: a connection key (its DID exchange DID, a long-form did:peer:4, authcrypts every message to the
 * mediator) and a recipient key registered with keylist-update (what other agents encrypt to and forwards name
 * in {@code to}). Messages: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0023-did-exchange">DID
 * exchange 1.1</a> request and complete, <a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0211-route-coordination">coordinate-mediation
 * 1.0</a> mediate-request and keylist-update, <a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0685-pickup-v2">pickup 2.0</a>
 * status-request, live-delivery-change and messages-received, <a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0048-trust-ping">trust ping 1.0</a>, <a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0734-push-notifications-fcm">push-notifications-fcm
 * 1.0</a> set-device-info.
 */
public final class VirtualWallet {
    /** didexchange 1.1. */
    public static final String DIDEXCHANGE = "https://didcomm.org/didexchange/1.1/";
    /** coordinate-mediation 1.0. */
    public static final String MEDIATION = "https://didcomm.org/coordinate-mediation/1.0/";
    /** messagepickup 2.0. */
    public static final String PICKUP = "https://didcomm.org/messagepickup/2.0/";
    /** push-notifications-fcm 1.0. */
    public static final String PUSH_FCM = "https://didcomm.org/push-notifications-fcm/1.0/";
    /** trust_ping 1.0. */
    public static final String TRUST_PING = "https://didcomm.org/trust_ping/1.0/";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Invitation invitation;
    private final String label;
    private final Ed25519.KeyPair connectionKey;
    private final Ed25519.KeyPair recipientKey;
    private final String did;
    private final EncryptionEnvelope envelope;
    private final Ledger ledger;
    private final String exchangeThread = UUID.randomUUID().toString();
    private @Nullable String routingKey;
    private String mediatorKey;
    private long deliveries;
    private long problemReports;
    private long staleReplies;
    private long implicitDeliveries;
    private @Nullable String lastProblem;
    private final List<String> acks = new ArrayList<>();

    /**
     * A fresh wallet with new keys held in {@code keyring}.
     *
     * @param invitation the mediator's invitation (its key is what the wallet authcrypts to)
     * @param label the wallet's label in the DID exchange request
     * @param keyring where the wallet's secrets live
     * @param ledger where received forwarded messages are recorded
     */
    public VirtualWallet(Invitation invitation, String label, Keyring keyring, Ledger ledger) {
        this.invitation = invitation;
        this.label = label;
        this.connectionKey = keyring.generate();
        this.recipientKey = keyring.generate();
        this.envelope = keyring.envelope();
        this.ledger = ledger;
        this.did = DidPeer4.create(didDocument(connectionKey));
        this.mediatorKey = invitation.recipientVerkey();
    }

    /** The connection key (base58 verkey): how the mediator knows this wallet. */
    public String connectionVerkey() {
        return connectionKey.verkey();
    }

    /** The recipient key (base58 verkey) registered with keylist-update: forwards are addressed to it. */
    public String recipientVerkey() {
        return recipientKey.verkey();
    }

    /** The wallet's DID, a long-form did:peer:4. */
    public String did() {
        return did;
    }

    /**
     * After DID exchange {@code response} a wallet authcrypts to the key of the mediator's new DID, as a Credo
     * wallet does: Credo's mediator answers a did:peer:4 requester with a new long-form did:peer:4 and its own
     * key, and knows the connection only by that key. Switchboard's did:peer:1 lists the invitation key: it
     * stays.
     */
    private void useResponseDid(String theirDid) {
        if (DidPeer4.isLongForm(theirDid)) {
            new DidPeer4(1)
                    .resolve(theirDid)
                    .map(DidDocuments::v1RecipientVerkeys)
                    .filter(keys -> !keys.isEmpty())
                    .ifPresent(keys -> mediatorKey = keys.get(0));
        }
    }

    /** The mediator's routing key from mediate-grant (base58), once granted. */
    public @Nullable String routingKey() {
        return routingKey;
    }

    /** DID exchange request to the invitation (return route all), packed. */
    public String didExchangeRequest() {
        ObjectNode m = message(DIDEXCHANGE + "request", exchangeThread);
        m.putObject("~thread").put("thid", exchangeThread).put("pthid", invitation.id());
        m.put("label", label);
        m.put("goal_code", "aries.vc.mediate");
        m.put("did", did);
        return pack(m);
    }

    /** DID exchange complete, sent with {@code return_route none} as Credo does, packed. */
    public String didExchangeComplete() {
        ObjectNode m = message(DIDEXCHANGE + "complete", null);
        m.putObject("~thread").put("thid", exchangeThread).put("pthid", invitation.id());
        m.putObject("~transport").put("return_route", "none");
        return pack(m);
    }

    /** mediate-request, packed. */
    public String mediateRequest() {
        return pack(message(MEDIATION + "mediate-request", null));
    }

    /** keylist-update adding the recipient key (as did:key, as Credo sends it), packed. */
    public String keylistUpdate() {
        ObjectNode m = message(MEDIATION + "keylist-update", null);
        m.putArray("updates")
                .addObject()
                .put("recipient_key", Verkeys.toDidKey(recipientVerkey()))
                .put("action", "add");
        return pack(m);
    }

    /**
     * push-notifications-fcm 1.0 {@code set-device-info} registering a device (<a
     * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0734-push-notifications-fcm">Aries RFC
     * 0734</a>), packed; the mediator answers {@code ack}.
     *
     * @param deviceToken the device's registration token
     * @param devicePlatform its platform ({@code android}, {@code ios}, or a Firebase project name)
     */
    public String setDeviceInfo(String deviceToken, String devicePlatform) {
        ObjectNode m = message(PUSH_FCM + "set-device-info", null);
        m.put("device_token", deviceToken);
        m.put("device_platform", devicePlatform);
        return pack(m);
    }

    /** pickup 2.0 status-request, packed. */
    public String statusRequest() {
        return pack(message(PICKUP + "status-request", null));
    }

    /** pickup 2.0 live-delivery-change, packed. */
    public String liveDeliveryChange(boolean live) {
        ObjectNode m = message(PICKUP + "live-delivery-change", null);
        m.put("live_delivery", live);
        return pack(m);
    }

    /** trust ping asking for a response, packed. */
    public String trustPing() {
        ObjectNode m = message(TRUST_PING + "ping", null);
        m.put("response_requested", true);
        return pack(m);
    }

    /**
     * Unpacks one frame from the mediator and checks its type.
     *
     * @param expectedName the message name expected ({@code response}, {@code mediate-grant}, ...)
     * @return the plaintext
     * @throws IllegalStateException when the frame is not that message (a problem report's text included)
     */
    public ObjectNode expect(String frame, String expectedName) {
        return check(unpack(frame), expectedName);
    }

    private ObjectNode check(ObjectNode m, String expectedName) {
        String type = m.path("@type").asText();
        if (!type.endsWith("/" + expectedName)) {
            throw new IllegalStateException("expected " + expectedName + ", got " + type + ": "
                    + m.path("description").path("en").asText(m.toString()));
        }
        if (expectedName.equals("response")) {
            useResponseDid(m.path("did").asText(""));
        }
        if (expectedName.equals("mediate-grant")) {
            JsonNode keys = m.path("routing_keys");
            if (!keys.isArray() || keys.isEmpty()) {
                throw new IllegalStateException("mediate-grant without routing_keys: " + m);
            }
            routingKey = Verkeys.normalize(keys.get(0).asText());
        }
        if (expectedName.equals("keylist-update-response")
                && !m.path("updated").path(0).path("result").asText().equals("success")) {
            throw new IllegalStateException("keylist-update refused: " + m);
        }
        return m;
    }

    /**
     * As {@link #expect} but tolerant, for a frame received while waiting for a reply: a {@code delivery} or a
     * forwarded message written as it is (both may arrive at any time, e.g. during onboarding) is handled as
     * {@link #onFrame} does (recorded in the ledger; a delivery's {@code messages-received} is kept for {@link
     * #takeAcks}); a repeat of an earlier step's reply (a relay may post a frame twice when the backend was slow,
     * so the mediator answers twice) or another unrelated frame is counted in {@link #staleReplies}. Both
     * return false: the caller keeps waiting.
     *
     * @param receivedMicros when the frame arrived, epoch microseconds
     * @return true when {@code frame} was the expected reply
     * @throws IllegalStateException when it was a problem report
     */
    public boolean tryExpect(String frame, String expectedName, long receivedMicros) {
        Frame f;
        try {
            f = open(frame);
        } catch (IOException e) {
            staleReplies++;
            return false;
        }
        if (isUnsolicited(f.plaintext())) {
            onMessage(f, receivedMicros).ifPresent(acks::add);
            return false;
        }
        try {
            check(f.plaintext(), expectedName);
            return true;
        } catch (IllegalStateException e) {
            if (String.valueOf(e.getMessage()).contains("problem-report")) {
                throw e;
            }
            staleReplies++;
            return false;
        }
    }

    /**
     * The {@code messages-received} for deliveries handled by {@link #tryExpect} or {@link #onFrameLater} and
     * not yet sent, oldest
     * first; the list is emptied.
     */
    public List<String> takeAcks() {
        List<String> taken = List.copyOf(acks);
        acks.clear();
        return taken;
    }

    /** Replies ignored by {@link #tryExpect} (repeats of earlier replies). */
    public long staleReplies() {
        return staleReplies;
    }

    /**
     * Handles a frame received while connected: a pickup {@code delivery} has each attached forwarded message
     * unpacked and recorded in the ledger; a forwarded message written to the socket as it is (implicit mode,
     * before the wallet's first pickup message) is recorded too; anything else (status, ping_response,
     * problem report) is counted.
     *
     * @param frame the frame as received
     * @param receivedMicros when it arrived, epoch microseconds
     * @return the packed {@code messages-received} for a delivery, else empty
     */
    public Optional<String> onFrame(String frame, long receivedMicros) {
        try {
            return onMessage(open(frame), receivedMicros);
        } catch (IOException e) {
            problemReports++;
            lastProblem = "undecryptable frame: " + e.getMessage();
            return Optional.empty();
        }
    }

    /** As {@link #onFrame}, keeping a delivery's {@code messages-received} for {@link #takeAcks}. */
    public void onFrameLater(String frame, long receivedMicros) {
        onFrame(frame, receivedMicros).ifPresent(acks::add);
    }

    /** A frame unpacked: the envelope's content and its plaintext, a JSON object. */
    private record Frame(UnpackedMessage unpacked, ObjectNode plaintext) {}

    /** Unpacks a frame; any failure (not an envelope for this wallet, not a JSON object) is an IOException. */
    private Frame open(String frame) throws IOException {
        try {
            UnpackedMessage unpacked = envelope.unpack(frame.getBytes(StandardCharsets.UTF_8));
            if (JSON.readTree(unpacked.plaintext()) instanceof ObjectNode m) {
                return new Frame(unpacked, m);
            }
            throw new IOException("plaintext is not a JSON object");
        } catch (DidcommException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** True for what the mediator sends unasked: a pickup {@code delivery}, a forwarded message as it is. */
    private static boolean isUnsolicited(ObjectNode m) {
        String type = m.path("@type").asText();
        return type.endsWith("/delivery") || type.equals(InnerMessage.TYPE);
    }

    private Optional<String> onMessage(Frame frame, long receivedMicros) {
        ObjectNode m = frame.plaintext();
        String type = m.path("@type").asText();
        if (type.endsWith("/delivery")) {
            return Optional.of(onDelivery(m, receivedMicros));
        }
        if (type.equals(InnerMessage.TYPE)) {
            // implicit mode: before the wallet's first pickup message the mediator writes forwarded messages
            // to its socket as they are (return route), already deleted from the mailbox
            implicitDeliveries++;
            InnerMessage.parse(frame.unpacked().plaintext())
                    .ifPresent(im -> ledger.received(im.id(), im.sentMicros(), receivedMicros));
            return Optional.empty();
        }
        if (type.endsWith("/problem-report")) {
            problemReports++;
            lastProblem = m.path("description").path("en").asText(m.toString());
        }
        return Optional.empty();
    }

    /** Forwarded messages written to the socket as they are (implicit mode), not in a pickup delivery. */
    public long implicitDeliveries() {
        return implicitDeliveries;
    }

    private String onDelivery(ObjectNode delivery, long receivedMicros) {
        deliveries++;
        List<String> ids = new ArrayList<>();
        for (JsonNode attachment : delivery.path("~attach")) {
            ids.add(attachment.path("@id").asText());
            JsonNode json = attachment.path("data").path("json");
            byte[] inner;
            try {
                inner = json.isMissingNode() || json.isNull()
                        ? java.util.Base64.getDecoder()
                                .decode(attachment.path("data").path("base64").asText())
                        : JSON.writeValueAsBytes(json);
                UnpackedMessage unpacked = envelope.unpack(inner);
                InnerMessage.parse(unpacked.plaintext())
                        .ifPresent(im -> ledger.received(im.id(), im.sentMicros(), receivedMicros));
            } catch (IOException | RuntimeException e) {
                problemReports++;
                lastProblem = "attachment not unpacked: " + e.getMessage();
            }
        }
        ObjectNode ack = message(PICKUP + "messages-received", null);
        ArrayNode list = ack.putArray("message_id_list");
        ids.forEach(list::add);
        return pack(ack);
    }

    /** Deliveries handled so far. */
    public long deliveries() {
        return deliveries;
    }

    /** Problem reports and unreadable frames so far. */
    public long problemReports() {
        return problemReports;
    }

    /** The last problem seen, or null. */
    public @Nullable String lastProblem() {
        return lastProblem;
    }

    private ObjectNode unpack(String frame) {
        UnpackedMessage unpacked = envelope.unpack(frame.getBytes(StandardCharsets.UTF_8));
        try {
            return (ObjectNode) JSON.readTree(unpacked.plaintext());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode message(String type, @Nullable String id) {
        ObjectNode m = JSON.createObjectNode();
        m.put("@type", type);
        m.put("@id", id != null ? id : UUID.randomUUID().toString());
        m.putObject("~transport").put("return_route", "all");
        return m;
    }

    private String pack(ObjectNode m) {
        try {
            return envelope.packAuthcrypt(JSON.writeValueAsBytes(m), List.of(mediatorKey), connectionKey.verkey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The did:peer:4 input document: one Ed25519 key, a did-communication service on the queue transport. */
    private static ObjectNode didDocument(Ed25519.KeyPair key) {
        ObjectNode doc = JSON.createObjectNode();
        doc.putArray("@context").add("https://w3id.org/did/v1").add("https://w3id.org/security/multikey/v1");
        doc.putArray("verificationMethod")
                .addObject()
                .put("id", "#key-1")
                .put("type", "Multikey")
                .put("publicKeyMultibase", key.multikey().encode());
        doc.putArray("authentication").add("#key-1");
        ObjectNode service = doc.putArray("service").addObject();
        service.put("id", "#didcomm-0");
        service.put("type", "did-communication");
        service.put("serviceEndpoint", "didcomm:transport/queue");
        service.putArray("recipientKeys").add("#key-1");
        service.putArray("routingKeys");
        service.put("priority", 0);
        return doc;
    }
}
