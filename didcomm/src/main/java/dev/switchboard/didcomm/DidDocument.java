package dev.switchboard.didcomm;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of a DID document DIDComm needs: keys by relationship and DIDComm services.
 *
 * <p>Source: <a href="https://www.w3.org/TR/did-core/#did-documents">DID Core</a>; services per
 * <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#did-document-service-endpoint">DIDComm
 * Messaging, DID Document Service Endpoint</a> and, for v1, {@code did-communication} services (Aries RFC
 * 0067).
 *
 * @param id the DID
 * @param verificationMethods every key, with absolute ids ({@code did...#key-1})
 * @param authentication ids of the keys in the {@code authentication} relationship
 * @param keyAgreement ids of the keys in the {@code keyAgreement} relationship
 * @param services DIDComm services in document order
 */
public record DidDocument(
        String id,
        List<VerificationMethod> verificationMethods,
        List<String> authentication,
        List<String> keyAgreement,
        List<Service> services) {

    public DidDocument {
        Objects.requireNonNull(id, "id");
        verificationMethods = List.copyOf(verificationMethods);
        authentication = List.copyOf(authentication);
        keyAgreement = List.copyOf(keyAgreement);
        services = List.copyOf(services);
    }

    /** The verification method with this absolute id ({@code did#fragment}), if present. */
    public Optional<VerificationMethod> method(String absoluteId) {
        return verificationMethods.stream()
                .filter(m -> m.id().equals(absoluteId))
                .findFirst();
    }

    /** The key-agreement methods, in the order of the {@code keyAgreement} list. */
    public List<VerificationMethod> keyAgreementMethods() {
        return keyAgreement.stream().flatMap(id -> method(id).stream()).toList();
    }

    /** The authentication methods, in the order of the {@code authentication} list. */
    public List<VerificationMethod> authenticationMethods() {
        return authentication.stream().flatMap(id -> method(id).stream()).toList();
    }

    /**
     * One key of a DID document.
     *
     * @param id absolute id, {@code did#fragment}
     * @param type the method type as written, e.g. {@code Ed25519VerificationKey2020}, {@code JsonWebKey2020},
     *     {@code X25519KeyAgreementKey2020}, {@code Multikey}
     * @param controller the controlling DID
     * @param publicJwk the public key as a JWK, whatever form the document used
     */
    public record VerificationMethod(String id, String type, String controller, JWK publicJwk) {
        public VerificationMethod {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(controller, "controller");
            Objects.requireNonNull(publicJwk, "publicJwk");
            publicJwk = publicJwk.toPublicJWK();
        }
    }

    /**
     * A DIDComm service ({@code DIDCommMessaging} for v2, {@code did-communication} or {@code IndyAgent} for
     * v1).
     *
     * @param id service id, as written (may be relative, {@code #service})
     * @param type service type
     * @param endpoint the {@code serviceEndpoint} URI ({@code http(s)}, {@code ws(s)}, {@code
     *     didcomm:transport/queue}) or a DID for mediator chains
     * @param routingKeys routing keys or DID URLs, outermost last as written
     * @param accept media types / profiles accepted, possibly empty
     * @param recipientKeys DIDComm v1 ({@code did-communication}, {@code IndyAgent}) recipient keys as
     *     written: base58 verkeys, did:key DID URLs, or references made absolute ({@code did#key-1}); empty
     *     for DIDComm v2 services, whose recipients are the {@code keyAgreement} keys
     */
    public record Service(
            String id,
            String type,
            URI endpoint,
            List<String> routingKeys,
            List<String> accept,
            List<String> recipientKeys) {
        public Service {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(endpoint, "endpoint");
            routingKeys = List.copyOf(routingKeys);
            accept = List.copyOf(accept);
            recipientKeys = List.copyOf(recipientKeys);
        }

        /** A service without recipient keys (DIDComm v2 {@code DIDCommMessaging}). */
        public Service(String id, String type, URI endpoint, List<String> routingKeys, List<String> accept) {
            this(id, type, endpoint, routingKeys, accept, List.of());
        }
    }
}
