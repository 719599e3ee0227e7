package dev.switchboard.didcomm.v2;

import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidDocument.VerificationMethod;
import dev.switchboard.didcomm.DidResolver;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.SecretResolver;
import java.util.List;

/** Key lookups over the resolvers: DID URLs to public keys, DIDs to key-agreement / authentication keys. */
final class Keys {
    private final DidResolver dids;
    private final SecretResolver secrets;

    Keys(DidResolver dids, SecretResolver secrets) {
        this.dids = dids;
        this.secrets = secrets;
    }

    /** The DID part of a DID URL ({@code did:x:y#key-1} to {@code did:x:y}). */
    static String did(String didOrUrl) {
        int hash = didOrUrl.indexOf('#');
        return hash < 0 ? didOrUrl : didOrUrl.substring(0, hash);
    }

    static boolean isDidUrl(String s) {
        return s.indexOf('#') > 0;
    }

    DidDocument document(String didOrUrl) {
        String did = did(didOrUrl);
        if (!did.startsWith("did:")) {
            throw DidcommException.unresolvable("not a DID: " + abbreviate(did));
        }
        DidDocument doc;
        try {
            doc = dids.resolve(did).orElse(null);
        } catch (DidcommException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DidcommException(
                    dev.switchboard.didcomm.ProblemCode.DID_UNRESOLVABLE, "cannot resolve " + abbreviate(did), e);
        }
        if (doc == null) {
            throw DidcommException.unresolvable("cannot resolve " + abbreviate(did));
        }
        return doc;
    }

    /** The verification method a DID URL names; {@code e.p.did.unresolvable} when absent. */
    VerificationMethod method(String didUrl) {
        if (!isDidUrl(didUrl)) {
            throw DidcommException.unresolvable("not a DID URL: " + abbreviate(didUrl));
        }
        DidDocument doc = document(didUrl);
        return doc.method(didUrl)
                .or(() -> doc.method(doc.id() + didUrl.substring(didUrl.indexOf('#'))))
                .orElseThrow(() -> DidcommException.unresolvable("no key " + abbreviate(didUrl)));
    }

    /** Key-agreement keys: the one named by a DID URL, or all of a DID's. */
    List<VerificationMethod> keyAgreement(String didOrUrl) {
        if (isDidUrl(didOrUrl)) {
            return List.of(method(didOrUrl));
        }
        List<VerificationMethod> keys = document(didOrUrl).keyAgreementMethods();
        if (keys.isEmpty()) {
            throw DidcommException.unresolvable("no keyAgreement keys in " + abbreviate(didOrUrl));
        }
        return keys;
    }

    /** Authentication keys: the one named by a DID URL, or all of a DID's. */
    List<VerificationMethod> authentication(String didOrUrl) {
        if (isDidUrl(didOrUrl)) {
            return List.of(method(didOrUrl));
        }
        List<VerificationMethod> keys = document(didOrUrl).authenticationMethods();
        if (keys.isEmpty()) {
            throw DidcommException.unresolvable("no authentication keys in " + abbreviate(didOrUrl));
        }
        return keys;
    }

    /** The secret for a key id, or {@code e.p.did.unresolvable} when this side does not hold it. */
    Secret secret(String kid) {
        return secrets.findKey(kid)
                .orElseThrow(() -> DidcommException.unresolvable("no secret for " + abbreviate(kid)));
    }

    SecretResolver secrets() {
        return secrets;
    }

    /** Input echoed into error messages is cut short. */
    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
