package dev.switchboard.didcomm.did;

import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidResolver;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * DID documents learnt from messages rather than resolved: the {@code did_doc~attach} of a DID exchange
 * request (Credo 0.5 sends did:peer:1 with it), the connections/1.0 {@code DIDDoc}. Parse them with {@link
 * DidDocumentJson}, verify the attachment's signature, then {@link #put} them here. Bounded, in memory,
 * thread-safe.
 */
public final class AttachedDocuments implements DidResolver {
    private final Map<String, DidDocument> byDid;

    /** @param maxDocuments how many documents to keep (> 0); the least recently used go first */
    public AttachedDocuments(int maxDocuments) {
        if (maxDocuments <= 0) {
            throw new IllegalArgumentException("maxDocuments: %s (expected: > 0)".formatted(maxDocuments));
        }
        this.byDid = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DidDocument> eldest) {
                return size() > maxDocuments;
            }
        });
    }

    /** Stores a document under its id. */
    public void put(DidDocument doc) {
        byDid.put(doc.id(), doc);
    }

    /** The stored document of {@code did} (unqualified DIDs are looked up as {@code did:sov:}). */
    @Override
    public Optional<DidDocument> resolve(String did) {
        if (did == null) {
            return Optional.empty();
        }
        DidDocument doc = byDid.get(did);
        if (doc == null && !did.startsWith("did:")) {
            doc = byDid.get("did:sov:" + did);
        }
        return Optional.ofNullable(doc);
    }
}
