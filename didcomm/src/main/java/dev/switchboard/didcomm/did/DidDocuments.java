package dev.switchboard.didcomm.did;

import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidDocument.VerificationMethod;
import java.util.Optional;

/**
 * Key lookups in a {@link DidDocument} that tolerate the id schemes real wallets use for the same key:
 * the spec's {@code #key-N}, fingerprint fragments ({@code #z6Mk...} or {@code #6Mk...}, as Credo and older
 * peer DID libraries write them), and the short or long form of a did:peer:4 in front of the fragment.
 */
public final class DidDocuments {
    private DidDocuments() {}

    /**
     * The verification method a DID URL names.
     *
     * @param doc the resolved document
     * @param didUrl {@code did#fragment}, or a bare {@code #fragment}
     * @return the method: exact id match first, then same fragment, then a fragment that is the key's
     *     multibase fingerprint with or without its {@code z}
     */
    public static Optional<VerificationMethod> findMethod(DidDocument doc, String didUrl) {
        if (didUrl == null) {
            return Optional.empty();
        }
        Optional<VerificationMethod> exact = doc.method(didUrl);
        if (exact.isPresent()) {
            return exact;
        }
        int hash = didUrl.indexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        String fragment = didUrl.substring(hash + 1);
        for (VerificationMethod m : doc.verificationMethods()) {
            if (m.id().endsWith("#" + fragment)) {
                return Optional.of(m);
            }
        }
        for (VerificationMethod m : doc.verificationMethods()) {
            String fp;
            try {
                fp = Multikey.fromJwk(m.publicJwk()).encode();
            } catch (RuntimeException e) {
                continue;
            }
            if (fragment.equals(fp) || ("z" + fragment).equals(fp)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /**
     * The service a DID URL or id names, tolerating the two id schemes for did:peer:2 services: the spec's
     * {@code #service}, {@code #service-1} ... and Credo's {@code #<lower-cased type>-<index>} ({@code
     * #didcommmessaging-0}, {@code #did-communication-2}), both counting services in document order.
     *
     * @param doc the resolved document
     * @param idOrUrl {@code did#fragment} or {@code #fragment}
     */
    public static Optional<DidDocument.Service> findService(DidDocument doc, String idOrUrl) {
        if (idOrUrl == null) {
            return Optional.empty();
        }
        int hash = idOrUrl.indexOf('#');
        String fragment = hash < 0 ? idOrUrl : idOrUrl.substring(hash + 1);
        for (DidDocument.Service s : doc.services()) {
            if (s.id().equals(idOrUrl) || s.id().endsWith("#" + fragment)) {
                return Optional.of(s);
            }
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(.+?)(?:-(\\d{1,6}))?").matcher(fragment);
        if (!m.matches()) {
            return Optional.empty();
        }
        int index = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        if (index >= doc.services().size()) {
            return Optional.empty();
        }
        DidDocument.Service candidate = doc.services().get(index);
        String prefix = m.group(1);
        if (prefix.equals("service") || prefix.equalsIgnoreCase(candidate.type())) {
            return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /**
     * The DIDComm v1 recipient verkeys of a document's first DIDComm v1 service ({@code did-communication} or
     * {@code IndyAgent}), resolved to base58: references into the document are looked up, did:key and raw
     * verkeys are normalised. Falls back to the Ed25519 authentication keys when there is no such service.
     */
    public static java.util.List<String> v1RecipientVerkeys(DidDocument doc) {
        var out = new java.util.ArrayList<String>();
        for (DidDocument.Service s : doc.services()) {
            if (s.type().equals("did-communication") || s.type().equals("IndyAgent")) {
                for (String k : s.recipientKeys()) {
                    if (k.contains("#") && !k.startsWith(DidKey.PREFIX)) {
                        findMethod(doc, k)
                                .map(m -> Multikey.fromJwk(m.publicJwk()))
                                .filter(mk -> mk.type() == KeyType.ED25519)
                                .ifPresent(mk -> out.add(mk.base58()));
                    } else if (Verkeys.isVerkey(k)) {
                        out.add(Verkeys.normalize(k));
                    }
                }
                if (!out.isEmpty()) {
                    return out;
                }
            }
        }
        for (VerificationMethod m : doc.authenticationMethods()) {
            try {
                Multikey mk = Multikey.fromJwk(m.publicJwk());
                if (mk.type() == KeyType.ED25519) {
                    out.add(mk.base58());
                }
            } catch (RuntimeException e) {
                // not an Ed25519 key: not usable for DIDComm v1
            }
        }
        return out;
    }
}
