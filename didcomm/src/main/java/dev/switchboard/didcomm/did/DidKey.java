package dev.switchboard.didcomm.did;

import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidResolver;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import java.util.Optional;

/**
 * The did:key method: create and resolve, for Ed25519 ({@code z6Mk}), X25519 ({@code z6LS}) and NIST
 * P-256/384/521 ({@code zDn}, {@code z82}, {@code z2J9}) keys.
 *
 * <p>Source: <a href="https://w3c-ccg.github.io/did-method-key/">The did:key Method v0.9</a>. The document
 * has one verification method {@code did:key:z...#z...} of type {@code Multikey}; for Ed25519 it is the
 * authentication key and the document also carries the derived X25519 key-agreement key
 * ({@code #z6LS...}), as the spec's Ed25519 key-agreement derivation says; an X25519 did:key has only a
 * key-agreement key; NIST curves are in both relationships.
 */
public final class DidKey implements DidResolver {
    /** The DID prefix, {@code did:key:}. */
    public static final String PREFIX = "did:key:";
    /** The verification method type used in resolved documents. */
    public static final String MULTIKEY = "Multikey";

    private static final DidKey INSTANCE = new DidKey();

    private DidKey() {}

    /** The did:key resolver (stateless). */
    public static DidKey resolver() {
        return INSTANCE;
    }

    /** The did:key of a public key, {@code did:key:} + multikey. */
    public static String of(Multikey key) {
        return PREFIX + key.encode();
    }

    /** The did:key of a DIDComm v1 base58 Ed25519 verkey. */
    public static String fromVerkey(String base58Verkey) {
        return of(Multikey.ed25519(base58Verkey));
    }

    /** The DID URL of the key itself, {@code did:key:z...#z...} (the {@code kid} DIDComm uses). */
    public static String keyId(Multikey key) {
        String mb = key.encode();
        return PREFIX + mb + "#" + mb;
    }

    /**
     * The key inside a did:key or did:key DID URL ({@code did:key:z6Mk...} or {@code did:key:z6Mk...#z6Mk...}).
     *
     * @throws DidcommException {@code e.p.did.unresolvable} when it is not a valid did:key
     */
    public static Multikey parse(String didOrDidUrl) {
        if (didOrDidUrl == null || !didOrDidUrl.startsWith(PREFIX)) {
            throw DidcommException.unresolvable("not a did:key");
        }
        String id = didOrDidUrl.substring(PREFIX.length());
        int hash = id.indexOf('#');
        if (hash >= 0) {
            id = id.substring(0, hash);
        }
        try {
            return Multikey.decode(id);
        } catch (DidcommException e) {
            throw new DidcommException(ProblemCode.DID_UNRESOLVABLE, "did:key: " + e.getMessage(), e);
        }
    }

    /**
     * Resolves a did:key to its document.
     *
     * @throws DidcommException {@code e.p.did.unresolvable} when the did:key is malformed
     */
    public static DidDocument document(String did) {
        Multikey key = parse(did);
        String bare = of(key);
        DocumentBuilder doc = new DocumentBuilder(bare);
        String kid = "#" + key.encode();
        doc.method(kid, MULTIKEY, bare, key);
        switch (key.type()) {
            case ED25519 -> {
                doc.authentication(kid);
                Multikey x;
                try {
                    x = new Multikey(KeyType.X25519, Ed25519.toX25519PublicKey(key.publicKey()));
                } catch (DidcommException e) {
                    throw new DidcommException(ProblemCode.DID_UNRESOLVABLE, "did:key: not a valid Ed25519 key", e);
                }
                String xid = "#" + x.encode();
                doc.method(xid, MULTIKEY, bare, x).keyAgreement(xid);
            }
            case X25519 -> doc.keyAgreement(kid);
            default -> doc.authentication(kid).keyAgreement(kid);
        }
        return doc.build();
    }

    /** Resolves did:key DIDs; empty for other methods. */
    @Override
    public Optional<DidDocument> resolve(String did) {
        if (did == null || !did.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(document(did));
    }
}
