package dev.switchboard.mediator.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.SecretResolver;
import dev.switchboard.didcomm.did.DidPeer2;
import dev.switchboard.didcomm.did.DidPeer4;
import dev.switchboard.didcomm.did.KeyType;
import dev.switchboard.didcomm.did.Multikey;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.store.MediatorKeyRecords;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The mediator's DIDComm v2 identity: a did:peer:2 (<a
 * href="https://identity.foundation/peer-did-method-spec/#method-2-multiple-inception-key-without-doc">peer
 * DID method 2</a>) with an Ed25519 authentication key ({@code #key-1}), an X25519 key-agreement key
 * ({@code #key-2}) and one {@code DIDCommMessaging} service per public endpoint: the WebSocket URLs (through
 * the relays) first, then the HTTP URL, each accepting {@code didcomm/v2}; and the same keys and services as a
 * did:peer:4 ({@link #didPeer4()}).
 *
 * <p>Keys are created once like the v1 keys ({@link MediatorIdentity}): sealed with the key-encryption key
 * and stored with SET NX under {@code <prefix>:mediator:keys:v2}, so every instance holds the same keys. The
 * DID is derived from them and the configured endpoints, so changing the endpoints changes the DID.
 */
@Startup
@ApplicationScoped
public class MediatorDid implements SecretResolver {
    private static final Logger LOG = Logger.getLogger(MediatorDid.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The accept profile of the services. */
    public static final String ACCEPT = "didcomm/v2";

    private final String did;
    private final String didPeer4;
    private final Map<String, Secret> secrets;

    /**
     * Loads or creates the keys and derives the DID.
     *
     * @throws IllegalStateException when no key-encryption key is configured or it does not open the keys
     */
    public MediatorDid(MediatorConfig config, MediatorKeyRecords records) {
        KeyEncryption kek = new KeyEncryption(config.keyEncryptionKey()
                .orElseThrow(() -> new IllegalStateException("switchboard.mediator.key-encryption-key is not set")));
        MediatorKeyRecords.Stored record =
                records.putIfAbsent(MediatorKeyRecords.Record.DIDCOMM_V2, name -> kek.seal(name, generate()));
        String name = record.name();
        String stored = record.value();
        boolean created = record.created();
        ObjectNode keys;
        try {
            keys = (ObjectNode) JSON.readTree(new String(kek.open(name, stored), StandardCharsets.UTF_8));
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("stored v2 mediator keys are not a JSON object", e);
        }
        OctetKeyPair signing = okp(keys, "authentication");
        OctetKeyPair agreement = okp(keys, "agreement");
        Multikey authentication = new Multikey(KeyType.ED25519, signing.getDecodedX());
        Multikey keyAgreement = new Multikey(KeyType.X25519, agreement.getDecodedX());
        List<DidDocument.Service> services = services(config);
        this.did = DidPeer2.create(List.of(authentication), List.of(keyAgreement), services);
        this.didPeer4 = DidPeer4.create(peer4Input(authentication, keyAgreement, services));
        Map<String, Secret> all = new HashMap<>();
        for (String d : List.of(did, didPeer4, DidPeer4.shortForm(didPeer4))) {
            all.put(d + "#key-1", new Secret(d + "#key-1", signing));
            all.put(d + "#key-2", new Secret(d + "#key-2", agreement));
        }
        this.secrets = Map.copyOf(all);
        LOG.infof("%s mediator DIDs %s and %s", created ? "created" : "loaded", did, didPeer4);
    }

    private static List<DidDocument.Service> services(MediatorConfig config) {
        List<URI> endpoints = new ArrayList<>(config.publicWsUrls());
        endpoints.add(config.publicHttpUrl());
        List<DidDocument.Service> services = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            String id = i == 0 ? "#service" : "#service-" + i;
            services.add(new DidDocument.Service(id, "DIDCommMessaging", endpoints.get(i), List.of(), List.of(ACCEPT)));
        }
        return services;
    }

    /**
     * The did:peer:4 input document: the same keys ({@code #key-1} Ed25519 authentication, {@code #key-2}
     * X25519 key agreement, Multikey) and services.
     */
    private static ObjectNode peer4Input(
            Multikey authentication, Multikey keyAgreement, List<DidDocument.Service> services) {
        ObjectNode doc = JSON.createObjectNode();
        doc.putArray("@context").add("https://www.w3.org/ns/did/v1").add("https://w3id.org/security/multikey/v1");
        var methods = doc.putArray("verificationMethod");
        methods.addObject()
                .put("id", "#key-1")
                .put("type", "Multikey")
                .put("publicKeyMultibase", authentication.encode());
        methods.addObject()
                .put("id", "#key-2")
                .put("type", "Multikey")
                .put("publicKeyMultibase", keyAgreement.encode());
        doc.putArray("authentication").add("#key-1");
        doc.putArray("assertionMethod").add("#key-1");
        doc.putArray("keyAgreement").add("#key-2");
        var list = doc.putArray("service");
        for (DidDocument.Service s : services) {
            ObjectNode service = list.addObject().put("id", s.id()).put("type", s.type());
            ObjectNode endpoint =
                    service.putObject("serviceEndpoint").put("uri", s.endpoint().toString());
            s.accept().forEach(endpoint.putArray("accept")::add);
        }
        return doc;
    }

    private static byte[] generate() {
        try {
            ObjectNode keys = JSON.createObjectNode();
            keys.put(
                    "authentication",
                    new OctetKeyPairGenerator(Curve.Ed25519).generate().toJSONString());
            keys.put(
                    "agreement",
                    new OctetKeyPairGenerator(Curve.X25519).generate().toJSONString());
            return JSON.writeValueAsBytes(keys);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("key generation failed", e);
        }
    }

    private static OctetKeyPair okp(ObjectNode keys, String field) {
        try {
            return OctetKeyPair.parse(keys.path(field).asText());
        } catch (ParseException e) {
            throw new IllegalStateException("stored mediator key '" + field + "' is not an OKP JWK", e);
        }
    }

    /** The mediator's did:peer:2 ({@code routing_did} of mediate-grant, {@code from} of its v2 messages). */
    public String did() {
        return did;
    }

    /**
     * The same keys and services as a long-form did:peer:4 (<a
     * href="https://identity.foundation/peer-did-method-spec/#method-4-short-form-and-long-form">peer DID method
     * 4</a>): messages encrypted to it (long or short form) are accepted and answered from it.
     */
    public String didPeer4() {
        return didPeer4;
    }

    /**
     * The mediator DID a key id belongs to (did:peer:2, or the long or short did:peer:4), the did:peer:2 for
     * any other.
     */
    public String didOf(@Nullable String kid) {
        if (kid != null) {
            int hash = kid.indexOf('#');
            String d = hash < 0 ? kid : kid.substring(0, hash);
            if (secrets.containsKey(d + "#key-2")) {
                return d;
            }
        }
        return did;
    }

    /** The key-agreement key's DID URL ({@code #key-2}). */
    public String keyAgreementKid() {
        return did + "#key-2";
    }

    /** True when {@code didOrKid} is this DID or one of its DID URLs. */
    public boolean isOwn(String didOrKid) {
        int hash = didOrKid.indexOf('#');
        return secrets.containsKey((hash < 0 ? didOrKid : didOrKid.substring(0, hash)) + "#key-2");
    }

    @Override
    public Optional<Secret> findKey(String kid) {
        return Optional.ofNullable(secrets.get(kid));
    }
}
