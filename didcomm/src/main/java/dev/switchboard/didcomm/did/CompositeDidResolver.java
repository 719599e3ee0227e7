package dev.switchboard.didcomm.did;

import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidResolver;
import dev.switchboard.didcomm.DidcommException;
import java.util.List;
import java.util.Optional;

/**
 * Asks each resolver in turn; the first that handles the DID answers. {@link #builtIn()} knows did:key,
 * did:peer:2, did:peer:4 (long form, and short form once seen) and DID documents received as attachments
 * ({@link AttachedDocuments}: did:peer:1, did:sov and unqualified DIDs of DIDComm v1 peers). A did:web resolver
 * can be added in front later.
 */
public final class CompositeDidResolver implements DidResolver {
    private final List<DidResolver> resolvers;
    private final DidPeer4 peer4;
    private final AttachedDocuments attached;

    private CompositeDidResolver(List<DidResolver> resolvers, DidPeer4 peer4, AttachedDocuments attached) {
        this.resolvers = List.copyOf(resolvers);
        this.peer4 = peer4;
        this.attached = attached;
    }

    /** did:key, did:peer:2, did:peer:4 and attached documents, in that order. */
    public static CompositeDidResolver builtIn() {
        return withExtra(List.of());
    }

    /** The built-in resolvers after {@code first} (tried first, e.g. did:web). */
    public static CompositeDidResolver withExtra(List<DidResolver> first) {
        return withExtra(first, DidPeer4.LongForms.inMemory(10_000));
    }

    /**
     * The built-in resolvers, did:peer:4 long forms kept in {@code longForms} (e.g. a store shared by every
     * instance of a service, so a short form seen on one resolves on all).
     */
    public static CompositeDidResolver builtIn(DidPeer4.LongForms longForms) {
        return withExtra(List.of(), longForms);
    }

    /** The built-in resolvers after {@code first}, did:peer:4 long forms kept in {@code longForms}. */
    public static CompositeDidResolver withExtra(List<DidResolver> first, DidPeer4.LongForms longForms) {
        DidPeer4 peer4 = new DidPeer4(longForms);
        AttachedDocuments attached = new AttachedDocuments(10_000);
        var all = new java.util.ArrayList<DidResolver>(first);
        all.addAll(List.of(DidKey.resolver(), DidPeer2.resolver(), peer4, attached));
        return new CompositeDidResolver(all, peer4, attached);
    }

    /**
     * @return the document of the first resolver that handles {@code did} (DID URLs are cut at {@code #}),
     *     or empty when none does
     * @throws DidcommException {@code e.p.did.unresolvable} when a handling resolver finds it malformed
     */
    @Override
    public Optional<DidDocument> resolve(String did) {
        if (did == null || did.isBlank()) {
            throw DidcommException.unresolvable("did: empty");
        }
        int hash = did.indexOf('#');
        String bare = hash >= 0 ? did.substring(0, hash) : did;
        for (DidResolver r : resolvers) {
            Optional<DidDocument> doc = r.resolve(bare);
            if (doc.isPresent()) {
                return doc;
            }
        }
        return Optional.empty();
    }

    /** As {@link #resolve} but failing with {@code e.p.did.unresolvable} when no resolver handles the DID. */
    public DidDocument require(String did) {
        return resolve(did).orElseThrow(() -> DidcommException.unresolvable("did: no resolver for this method"));
    }

    /** The did:peer:4 resolver inside, to {@link DidPeer4#remember} long forms. */
    public DidPeer4 peer4() {
        return peer4;
    }

    /** The store of documents received as attachments (did:peer:1, did:sov, unqualified). */
    public AttachedDocuments attached() {
        return attached;
    }
}
