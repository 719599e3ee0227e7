package dev.switchboard.didcomm.v1;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.switchboard.didcomm.DidcommException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A structurally validated RFC 0019 envelope: every field present, of the right JSON type, decoded from
 * base64url and of the right length. No cryptography has happened yet.
 *
 * @param protectedB64 the {@code protected} string exactly as received (the AAD)
 * @param enc the {@code enc} value as received
 * @param alg the mode
 * @param recipients the recipients, in envelope order, kids unique
 * @param iv 12 bytes (ChaCha20-Poly1305 IETF) or 24 bytes (XChaCha20-Poly1305)
 * @param ciphertext the ciphertext without tag
 * @param tag the 16-byte Poly1305 tag
 */
record ParsedEnvelope(
        String protectedB64,
        String enc,
        PackAlg alg,
        List<Recipient> recipients,
        byte[] iv,
        byte[] ciphertext,
        byte[] tag) {

    static final String ENC_XCHACHA = "xchacha20poly1305_ietf";
    static final String ENC_CHACHA = "chacha20poly1305_ietf";
    static final int MAX_RECIPIENTS = 256; // each kid may cost a key lookup: bound the work one envelope can cause

    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        JSON.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxNumberLength(64)
                        .build());
    }

    /**
     * One recipient entry.
     *
     * @param kid base58 verkey as written
     * @param encryptedKey the wrapped CEK
     * @param sender the sealed sender verkey (Authcrypt), or null
     * @param iv the 24-byte crypto_box nonce (Authcrypt), or null
     */
    record Recipient(String kid, byte[] encryptedKey, byte @Nullable [] sender, byte @Nullable [] iv) {}

    static ParsedEnvelope parse(byte[] packed) {
        JsonNode root = readObject(packed, "envelope");
        String protectedB64 = text(root, "protected", "envelope");
        byte[] iv = B64.decode(text(root, "iv", "envelope"), "iv");
        byte[] ciphertext = B64.decode(text(root, "ciphertext", "envelope"), "ciphertext");
        byte[] tag = B64.decode(text(root, "tag", "envelope"), "tag");
        if (iv.length != 12 && iv.length != 24) {
            throw DidcommException.invalid("iv: %d bytes (expected: 12 or 24)".formatted(iv.length));
        }
        if (tag.length != 16) {
            throw DidcommException.invalid("tag: %d bytes (expected: 16)".formatted(tag.length));
        }

        JsonNode header = readObject(B64.decode(protectedB64, "protected"), "protected");
        String enc = text(header, "enc", "protected");
        if (!ENC_XCHACHA.equals(enc) && !ENC_CHACHA.equals(enc)) {
            throw DidcommException.unsupported("protected.enc: unsupported content encryption");
        }
        JsonNode typ = header.get("typ");
        if (typ != null && !typ.isNull() && !(typ.isTextual() && typ.asText().equals("JWM/1.0"))) {
            throw DidcommException.unsupported("protected.typ: not JWM/1.0");
        }
        String algText = text(header, "alg", "protected");
        PackAlg alg = PackAlg.fromWire(algText)
                .orElseThrow(() -> DidcommException.unsupported("protected.alg: expected Authcrypt or Anoncrypt"));

        JsonNode recipientsNode = header.get("recipients");
        if (recipientsNode == null || !recipientsNode.isArray() || recipientsNode.isEmpty()) {
            throw DidcommException.invalid("protected.recipients: missing or empty");
        }
        if (recipientsNode.size() > MAX_RECIPIENTS) {
            throw DidcommException.invalid("protected.recipients: more than " + MAX_RECIPIENTS);
        }
        List<Recipient> recipients = new ArrayList<>(recipientsNode.size());
        Set<String> kids = new HashSet<>();
        for (JsonNode r : recipientsNode) {
            Recipient recipient = recipient(r, alg);
            if (!kids.add(recipient.kid())) {
                throw DidcommException.invalid("protected.recipients: duplicate kid");
            }
            recipients.add(recipient);
        }
        return new ParsedEnvelope(protectedB64, enc, alg, List.copyOf(recipients), iv, ciphertext, tag);
    }

    private static Recipient recipient(JsonNode r, PackAlg alg) {
        if (!r.isObject()) {
            throw DidcommException.invalid("protected.recipients[]: not an object");
        }
        byte[] encryptedKey = B64.decode(text(r, "encrypted_key", "recipient"), "encrypted_key");
        JsonNode h = r.get("header");
        if (h == null || !h.isObject()) {
            throw DidcommException.invalid("recipient.header: missing or not an object");
        }
        String kid = text(h, "kid", "recipient.header");
        String sender = optionalText(h, "sender");
        String iv = optionalText(h, "iv");
        if ((sender == null) != (iv == null)) {
            throw DidcommException.invalid("recipient.header: sender and iv must be present together");
        }
        if (alg == PackAlg.AUTHCRYPT && sender == null) {
            throw DidcommException.invalid("recipient.header: Authcrypt without sender");
        }
        if (alg == PackAlg.ANONCRYPT && sender != null) {
            throw DidcommException.invalid("recipient.header: Anoncrypt with sender");
        }
        byte[] senderBytes = sender == null ? null : B64.decode(sender, "sender");
        byte[] ivBytes = iv == null ? null : B64.decode(iv, "recipient.iv");
        if (ivBytes != null && ivBytes.length != 24) {
            throw DidcommException.invalid("recipient.iv: %d bytes (expected: 24)".formatted(ivBytes.length));
        }
        return new Recipient(kid, encryptedKey, senderBytes, ivBytes);
    }

    static JsonNode readObject(byte[] json, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            throw DidcommException.invalid(what + ": not JSON", e);
        } catch (java.io.IOException | RuntimeException e) {
            throw DidcommException.invalid(what + ": not JSON", e);
        }
        if (node == null || !node.isObject()) {
            throw DidcommException.invalid(what + ": not a JSON object");
        }
        return node;
    }

    static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw DidcommException.invalid(where + "." + field + ": missing");
        }
        if (!v.isTextual()) {
            throw DidcommException.invalid(where + "." + field + ": not a string");
        }
        return v.asText();
    }

    static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw DidcommException.invalid("recipient.header." + field + ": not a string");
        }
        return v.asText();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
