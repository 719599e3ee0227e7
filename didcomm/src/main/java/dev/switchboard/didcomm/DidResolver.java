package dev.switchboard.didcomm;

import java.util.Optional;

/**
 * Resolves a DID to its DID document. Built-in methods (did:key, did:peer:2, did:peer:4) are offline; a
 * did:web resolver can be added behind this interface later.
 *
 * <p>Source: <a href="https://www.w3.org/TR/did-core/#resolution">DID Core, Resolution</a>.
 */
public interface DidResolver {

    /**
     * @param did a DID without fragment, e.g. {@code did:key:z6Mk...}
     * @return its document, or empty when the method is not handled by this resolver
     * @throws DidcommException with {@link ProblemCode#DID_UNRESOLVABLE} when the method is handled but the
     *     DID is malformed
     */
    Optional<DidDocument> resolve(String did);
}
