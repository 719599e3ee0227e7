package dev.switchboard.mediator.message;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A protocol identifier URI (PIURI): doc URI, protocol name and version, e.g. {@code
 * https://didcomm.org/coordinate-mediation/1.0}.
 *
 * <p>Source: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/concepts/0003-protocols">Aries RFC
 * 0003, Protocols, "Message Type and Protocol Identifier URIs"</a>. Two PIURIs serve the same protocol when
 * their doc URIs (after mapping the legacy {@code did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/} prefix to {@code
 * https://didcomm.org/}), names and MAJOR versions match; the minor version is ignored as Credo does.
 *
 * @param docUri the doc URI, always the {@code https://didcomm.org/} form for the community prefixes
 * @param protocol the protocol name, e.g. {@code messagepickup}
 * @param major the major version
 * @param minor the minor version
 */
public record Piuri(String docUri, String protocol, int major, int minor) {
    /** The current community doc URI; every PIURI we emit uses it. */
    public static final String DIDCOMM_ORG = "https://didcomm.org/";
    /** The legacy Sovrin doc URI, accepted on input and mapped to {@link #DIDCOMM_ORG}. */
    public static final String DID_SOV = "did:sov:BzCbsNYhMrjHiqZDTUASHg;spec/";

    private static final Pattern PIURI = Pattern.compile("^(.*?)([a-zA-Z0-9._-]+)/(\\d+)\\.(\\d+)/?$");

    public Piuri {
        Objects.requireNonNull(docUri, "docUri");
        Objects.requireNonNull(protocol, "protocol");
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("version: %d.%d (expected: >= 0)".formatted(major, minor));
        }
        docUri = normaliseDocUri(docUri);
    }

    /**
     * Parses {@code <doc-uri><protocol>/<major>.<minor>}.
     *
     * @return the PIURI, or empty when the string has no {@code name/major.minor} tail
     */
    public static Optional<Piuri> parse(String uri) {
        var m = PIURI.matcher(uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new Piuri(m.group(1), m.group(2), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Like {@link #parse} for constants in code: throws {@link IllegalArgumentException} when malformed. */
    public static Piuri of(String uri) {
        return parse(uri)
                .orElseThrow(() -> new IllegalArgumentException("piuri: " + uri + " (expected: doc/name/1.0)"));
    }

    static String normaliseDocUri(String docUri) {
        return docUri.equals(DID_SOV) ? DIDCOMM_ORG : docUri;
    }

    /** True when {@code other} names the same protocol with the same MAJOR version. */
    public boolean sameMajor(Piuri other) {
        return docUri.equals(other.docUri) && protocol.equals(other.protocol) && major == other.major;
    }

    /** The key a registry files this PIURI under: doc URI, name, major version. */
    public String majorKey() {
        return docUri + protocol + "/" + major;
    }

    /** The message type of {@code name} in this protocol version. */
    public MessageType message(String name) {
        return new MessageType(this, name);
    }

    /** The URI form, e.g. {@code https://didcomm.org/trust_ping/1.0}. */
    public String uri() {
        return docUri + protocol + "/" + major + "." + minor;
    }

    @Override
    public String toString() {
        return uri();
    }
}
