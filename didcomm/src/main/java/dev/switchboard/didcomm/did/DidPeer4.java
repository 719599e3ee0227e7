package dev.switchboard.didcomm.did;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.didcomm.DidDocument;
import dev.switchboard.didcomm.DidResolver;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.ProblemCode;
import io.github.novacrypto.base58.Base58;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * did:peer numalgo 4: create (long form) and resolve the long and the short form.
 *
 * <p>Source: <a href="https://identity.foundation/peer-did-method-spec/#method-4-short-form-and-long-form">Peer DID
 * Method, method 4</a>: encoded = {@code "z" + base58btc(0x80 0x04 || UTF-8 JSON)}, hash = {@code "z" +
 * base58btc(0x12 0x20 || SHA-256(encoded))}; long form {@code did:peer:4{hash}:{encoded}}, short form {@code
 * did:peer:4{hash}}. The short form resolves only after its long form has been seen: each instance remembers
 * the long forms it resolved (bounded, in memory).
 *
 * <p>Thread-safe.
 */
public final class DidPeer4 implements DidResolver {
    /** The method prefix, {@code did:peer:4}. */
    public static final String PREFIX = "did:peer:4";

    private static final String B58 = "[1-9A-HJ-NP-Za-km-z]";
    private static final Pattern SHORT = Pattern.compile("did:peer:4zQm" + B58 + "{44}");
    private static final Pattern LONG = Pattern.compile("did:peer:4zQm" + B58 + "{44}:z" + B58 + "{6,}");
    private static final byte[] JSON_CODEC = {(byte) 0x80, 0x04};
    private static final byte[] SHA256_MULTIHASH = {0x12, 0x20};

    /**
     * Largest input document accepted by {@link #create}, in bytes of JSON: its base58 form must stay within
     * what resolution decodes (base58 is quadratic, so both are bounded).
     */
    public static final int MAX_DOCUMENT_BYTES = 5_800;

    private final Map<String, String> longByShort;

    /**
     * @param maxRemembered how many long forms to remember for short-form resolution (> 0)
     */
    public DidPeer4(int maxRemembered) {
        if (maxRemembered <= 0) {
            throw new IllegalArgumentException("maxRemembered: %s (expected: > 0)".formatted(maxRemembered));
        }
        this.longByShort = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > maxRemembered;
            }
        });
    }

    /** A resolver remembering up to 10,000 long forms. */
    public DidPeer4() {
        this(10_000);
    }

    /**
     * Creates the long-form did:peer:4 of an input document.
     *
     * @param inputDocument a DID document without {@code id}, with relative ids only ({@code #key-1})
     * @return the long-form DID
     * @throws DidcommException {@code e.p.msg.invalid} when the input has an {@code id}
     */
    public static String create(JsonNode inputDocument) {
        if (inputDocument == null || !inputDocument.isObject()) {
            throw DidcommException.invalid("did:peer:4 input document: not a JSON object");
        }
        if (inputDocument.has("id")) {
            throw DidcommException.invalid("did:peer:4 input document: must not have an id");
        }
        byte[] json;
        try {
            json = DidDocumentJson.JSON.writeValueAsBytes(inputDocument);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (json.length > MAX_DOCUMENT_BYTES) {
            throw DidcommException.invalid("did:peer:4 input document: larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        String encoded = "z" + Base58.base58Encode(concat(JSON_CODEC, json));
        return PREFIX + hash(encoded) + ":" + encoded;
    }

    /** Creates the long-form did:peer:4 of an input document given as JSON text. */
    public static String create(String inputDocumentJson) {
        if (inputDocumentJson == null || inputDocumentJson.length() > 4 * MAX_DOCUMENT_BYTES) {
            throw DidcommException.invalid("did:peer:4 input document: missing or too large");
        }
        return create(DidDocumentJson.read(inputDocumentJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** The short form of a long-form did:peer:4 (no verification). */
    public static String shortForm(String longForm) {
        if (longForm == null || !LONG.matcher(longForm).matches()) {
            throw DidcommException.unresolvable("did:peer:4: not a long-form DID");
        }
        return longForm.substring(0, longForm.indexOf(':', PREFIX.length()));
    }

    /** True for a well-formed long-form did:peer:4. */
    public static boolean isLongForm(String did) {
        return did != null && LONG.matcher(did).matches();
    }

    /**
     * Resolves a did:peer:4: a long form by decoding (after checking its hash), a short form from a long form
     * this instance resolved before ({@link #remember}).
     *
     * @return the document, with id the DID as given; empty for other methods
     * @throws DidcommException {@code e.p.did.unresolvable} when malformed, the hash does not match, or a short
     *     form is unknown
     */
    @Override
    public Optional<DidDocument> resolve(String did) {
        if (did == null || !did.startsWith(PREFIX)) {
            return Optional.empty();
        }
        if (SHORT.matcher(did).matches()) {
            String longForm = longByShort.get(did);
            if (longForm == null) {
                throw DidcommException.unresolvable("did:peer:4: short form not seen in long form before");
            }
            return Optional.of(document(longForm, did));
        }
        if (!LONG.matcher(did).matches()) {
            throw DidcommException.unresolvable("did:peer:4: malformed");
        }
        DidDocument doc = document(did, did);
        longByShort.put(shortForm(did), did);
        return Optional.of(doc);
    }

    /** Records a long form so that its short form resolves. */
    public void remember(String longForm) {
        document(longForm, longForm); // verifies
        longByShort.put(shortForm(longForm), longForm);
    }

    private static DidDocument document(String longForm, String asDid) {
        try {
            String hashPart = longForm.substring(PREFIX.length(), longForm.indexOf(':', PREFIX.length()));
            String encoded = longForm.substring(longForm.indexOf(':', PREFIX.length()) + 1);
            if (!hash(encoded).equals(hashPart)) {
                throw DidcommException.unresolvable("did:peer:4: hash does not match the document");
            }
            byte[] bytes = Base58Codec.decode(encoded.substring(1), "did:peer:4 document");
            if (bytes.length < 2 || bytes[0] != JSON_CODEC[0] || bytes[1] != JSON_CODEC[1]) {
                throw DidcommException.unresolvable("did:peer:4: document is not multicodec JSON");
            }
            JsonNode input = DidDocumentJson.read(Arrays.copyOfRange(bytes, 2, bytes.length));
            ObjectNode doc = ((ObjectNode) input).deepCopy();
            doc.remove("id");
            return DidDocumentJson.parse(doc, asDid);
        } catch (DidcommException e) {
            if (e.problemCode().equals(ProblemCode.DID_UNRESOLVABLE)) {
                throw e;
            }
            throw new DidcommException(ProblemCode.DID_UNRESOLVABLE, "did:peer:4: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DidcommException(ProblemCode.DID_UNRESOLVABLE, "did:peer:4: malformed", e);
        }
    }

    static String hash(String encoded) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded.getBytes(StandardCharsets.US_ASCII));
            return "z" + Base58.base58Encode(concat(SHA256_MULTIHASH, digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
