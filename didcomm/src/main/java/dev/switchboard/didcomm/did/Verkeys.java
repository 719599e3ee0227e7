package dev.switchboard.didcomm.did;

import dev.switchboard.didcomm.DidcommException;
import java.util.regex.Pattern;

/**
 * Normalises DIDComm v1 key and DID references: the unqualified base58 verkeys of RFC 0019 envelopes and
 * RFC 0211 keylists, {@code did:key} forms of the same keys, and the unqualified or {@code did:sov:} DIDs of
 * connections/1.0.
 *
 * <p>Sources: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0211-route-coordination">RFC
 * 0211</a> (keys "may be did:key or raw base58"), <a
 * href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0360-use-did-key">RFC 0360</a> (did:key
 * in DIDComm v1), <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0160-connection-protocol">RFC
 * 0160</a> (unqualified DIDs).
 */
public final class Verkeys {
    /** An unqualified Indy/Sov DID: base58 of 16 bytes, 21 or 22 characters. */
    private static final Pattern UNQUALIFIED_DID = Pattern.compile("[1-9A-HJ-NP-Za-km-z]{21,22}");

    private Verkeys() {}

    /**
     * The base58 verkey of an Ed25519 key given as a raw base58 verkey, a {@code did:key:z6Mk...} or a
     * {@code did:key:z6Mk...#z6Mk...} DID URL. Legacy {@code verkey:ed25519} style suffixes ({@code
     * base58:ed25519}) are stripped.
     *
     * @throws DidcommException {@code e.p.msg.invalid} when it is none of these or not a 32-byte Ed25519 key
     */
    public static String normalize(String keyRef) {
        return toMultikey(keyRef).base58();
    }

    /** As {@link #normalize}, returning the key itself. */
    public static Multikey toMultikey(String keyRef) {
        if (keyRef == null || keyRef.isBlank()) {
            throw DidcommException.invalid("verkey: empty");
        }
        String ref = keyRef.strip();
        if (ref.startsWith(DidKey.PREFIX)) {
            Multikey key;
            try {
                key = DidKey.parse(ref);
            } catch (DidcommException e) {
                throw DidcommException.invalid("verkey: malformed did:key", e);
            }
            if (key.type() != KeyType.ED25519) {
                throw DidcommException.unsupported("verkey: did:key is not an Ed25519 key");
            }
            return key;
        }
        int colon = ref.indexOf(':');
        if (colon > 0 && !ref.startsWith("did:")) {
            ref = ref.substring(0, colon); // "<base58>:ed25519" (libvdr full verkey form)
        }
        if (ref.startsWith("did:")) {
            throw DidcommException.invalid("verkey: a DID is not a key (expected: base58 or did:key)");
        }
        return Multikey.ed25519(ref);
    }

    /** True when {@code keyRef} is a raw base58 Ed25519 verkey or an Ed25519 did:key. */
    public static boolean isVerkey(String keyRef) {
        try {
            toMultikey(keyRef);
            return true;
        } catch (DidcommException e) {
            return false;
        }
    }

    /** The did:key form ({@code did:key:z6Mk...}) of a verkey reference. */
    public static String toDidKey(String keyRef) {
        return DidKey.of(toMultikey(keyRef));
    }

    /**
     * Qualifies a DIDComm v1 DID: an unqualified base58 DID ({@code WgWxqztrNooG92RXvxSTWv}) becomes {@code
     * did:sov:WgWxqztrNooG92RXvxSTWv}; qualified DIDs (including DID URLs) are returned unchanged.
     *
     * @throws DidcommException {@code e.p.msg.invalid} when it is neither a DID nor an unqualified DID
     */
    public static String qualifyDid(String did) {
        if (did == null || did.isBlank()) {
            throw DidcommException.invalid("did: empty");
        }
        String d = did.strip();
        if (d.startsWith("did:")) {
            return d;
        }
        int cut = firstOf(d, '#', ';');
        String base = cut < 0 ? d : d.substring(0, cut);
        if (!UNQUALIFIED_DID.matcher(base).matches()) {
            throw DidcommException.invalid("did: neither qualified nor an unqualified base58 DID");
        }
        return "did:sov:" + d;
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        if (i < 0) {
            return j;
        }
        return j < 0 ? i : Math.min(i, j);
    }
}
