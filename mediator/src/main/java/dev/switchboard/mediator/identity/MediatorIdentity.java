package dev.switchboard.mediator.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.SecretResolver;
import dev.switchboard.mediator.config.MediatorConfig;
import dev.switchboard.mediator.store.MediatorKeyRecords;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The mediator's keys, the same on every instance: an Ed25519 invitation key (out-of-band invitation, DID
 * exchange, the key wallets authcrypt to) and an Ed25519 routing key (mediate-grant {@code routing_keys};
 * senders anoncrypt forwards to it).
 *
 * <p>Created once: the first instance to start generates both, seals them with {@link KeyEncryption} and
 * stores them with SET NX (first writer wins); every instance then reads the stored value, so instances
 * starting together agree.
 */
@Startup
@ApplicationScoped
public class MediatorIdentity implements SecretResolver {
    private static final Logger LOG = Logger.getLogger(MediatorIdentity.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MediatorKey invitationKey;
    private final MediatorKey routingKey;
    /** verkey -> secret of both keys, computed once (every unpack and pack looks a key up). */
    private final Map<String, Secret> secrets;

    /**
     * Loads or creates the keys.
     *
     * @throws IllegalStateException when no key-encryption key is configured, or it does not open the stored
     *     keys
     */
    public MediatorIdentity(MediatorConfig config, MediatorKeyRecords records) {
        KeyEncryption kek = new KeyEncryption(
                config.keyEncryptionKey()
                        .orElseThrow(
                                () -> new IllegalStateException(
                                        "switchboard.mediator.key-encryption-key is not set (32 bytes, base64; the same on every instance)")));
        MediatorKeyRecords.Stored record =
                records.putIfAbsent(MediatorKeyRecords.Record.DIDCOMM_V1, name -> kek.seal(name, generate()));
        String name = record.name();
        String stored = record.value();
        boolean created = record.created();
        ObjectNode keys = parse(kek.open(name, stored));
        this.invitationKey = new MediatorKey(okp(keys, "invitation"));
        this.routingKey = new MediatorKey(okp(keys, "routing"));
        Map<String, Secret> byVerkey = new HashMap<>();
        for (MediatorKey key : List.of(invitationKey, routingKey)) {
            byVerkey.putIfAbsent(key.verkey(), key.secret());
        }
        this.secrets = Map.copyOf(byVerkey);
        LOG.infof(
                "%s mediator keys: invitation %s, routing %s",
                created ? "created" : "loaded", invitationKey.verkey(), routingKey.verkey());
    }

    private static byte[] generate() {
        try {
            ObjectNode keys = JSON.createObjectNode();
            keys.put(
                    "invitation",
                    new OctetKeyPairGenerator(Curve.Ed25519).generate().toJSONString());
            keys.put(
                    "routing",
                    new OctetKeyPairGenerator(Curve.Ed25519).generate().toJSONString());
            return JSON.writeValueAsBytes(keys);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("Ed25519 key generation failed", e);
        }
    }

    private static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) JSON.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("stored mediator keys are not a JSON object", e);
        }
    }

    private static OctetKeyPair okp(ObjectNode keys, String field) {
        try {
            return OctetKeyPair.parse(keys.path(field).asText());
        } catch (ParseException e) {
            throw new IllegalStateException("stored mediator key '" + field + "' is not an OKP JWK", e);
        }
    }

    /** The invitation key: OOB invitations, DID exchange signatures, the key wallets authcrypt to. */
    public MediatorKey invitationKey() {
        return invitationKey;
    }

    /** The routing key: listed in mediate-grant; forwards are anoncrypted to it. */
    public MediatorKey routingKey() {
        return routingKey;
    }

    /** Both keys. */
    public List<MediatorKey> keys() {
        return List.of(invitationKey, routingKey);
    }

    @Override
    public Optional<Secret> findKey(String kid) {
        return Optional.ofNullable(secrets.get(kid));
    }
}
