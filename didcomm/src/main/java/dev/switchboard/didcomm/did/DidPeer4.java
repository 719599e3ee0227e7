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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * did:peer numalgo 4: create (long form) and resolve the long and the short form.
 *
 * <p>Source: <a href="https://identity.foundation/peer-did-method-spec/#method-4-short-form-and-long-form">Peer DID
 * Method, method 4</a>: encoded = {@code "z" + base58btc(0x80 0x04 || UTF-8 JSON)}, hash = {@code "z" +
 * base58btc(0x12 0x20 || SHA-256(encoded))}; long form {@code did:peer:4{hash}:{encoded}}, short form {@code
 * did:peer:4{hash}}. The short form resolves only after its long form has been seen: the long forms resolved
 * are kept in a {@link LongForms} store (bounded, in memory by default; a shared store lets every instance of a
 * service resolve a short form any of them saw in long form).
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

    /**
     * Where long forms are kept for short-form resolution, keyed by short form. The value under a short form
     * never changes (the short form is the hash of the long form's document), so a store may cache freely.
     * Implementations are thread-safe.
     */
    public interface LongForms {
        /** @return the long form saved under {@code shortForm}, or null when none was */
        @Nullable
        String find(String shortForm);

        /** Saves a verified long form under its short form. */
        void save(String shortForm, String longForm);

        /**
         * A bounded in-memory store, least recently used out first.
         *
         * @param maxRemembered how many long forms to keep (> 0)
         */
        static LongForms inMemory(int maxRemembered) {
            if (maxRemembered <= 0) {
                throw new IllegalArgumentException("maxRemembered: %s (expected: > 0)".formatted(maxRemembered));
            }
            Map<String, String> map = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > maxRemembered;
                }
            });
            return new LongForms() {
                @Override
                public @Nullable String find(String shortForm) {
                    return map.get(shortForm);
                }

                @Override
                public void save(String shortForm, String longForm) {
                    map.put(shortForm, longForm);
                }
            };
        }
    }

    private final LongForms longForms;

    /**
     * @param maxRemembered how many long forms to remember in memory for short-form resolution (> 0)
     */
    public DidPeer4(int maxRemembered) {
        this(LongForms.inMemory(maxRemembered));
    }

    /** A resolver keeping long forms in {@code longForms} (e.g. a store shared by all instances). */
    public DidPeer4(LongForms longForms) {
        this.longForms = Objects.requireNonNull(longForms, "longForms");
    }

    /** A resolver remembering up to 10,000 long forms in memory. */
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
            String longForm = longForms.find(did);
            if (longForm == null || !did.equals(shortForm(longForm))) {
                throw DidcommException.unresolvable("did:peer:4: short form not seen in long form before");
            }
            return Optional.of(document(longForm, did));
        }
        if (!LONG.matcher(did).matches()) {
            throw DidcommException.unresolvable("did:peer:4: malformed");
        }
        DidDocument doc = document(did, did);
        longForms.save(shortForm(did), did);
        return Optional.of(doc);
    }

    /** Records a long form so that its short form resolves. */
    public void remember(String longForm) {
        document(longForm, longForm); // verifies
        longForms.save(shortForm(longForm), longForm);
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
