package dev.switchboard.didcomm.v1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.goterl.lazysodium.Sodium;
import dev.switchboard.didcomm.DidcommException;
import dev.switchboard.didcomm.DidcommVersion;
import dev.switchboard.didcomm.LibSodium;
import dev.switchboard.didcomm.ProblemCode;
import dev.switchboard.didcomm.Secret;
import dev.switchboard.didcomm.SecretResolver;
import dev.switchboard.didcomm.UnpackMetadata;
import dev.switchboard.didcomm.did.Ed25519;
import dev.switchboard.didcomm.did.Verkeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * DIDComm v1 encryption envelopes (JWM/1.0): pack and unpack, Authcrypt and Anoncrypt, any number of
 * recipients, Ed25519 verkeys converted to X25519 for key agreement.
 *
 * <p>Source: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0019-encryption-envelope">Aries
 * RFC 0019</a>, as implemented by ACA-Py and Credo (see docs/didcomm-protocol-notes.md section A). Content is
 * ChaCha20-Poly1305 IETF with a 12-byte iv although {@code enc} says {@code xchacha20poly1305_ietf} (emitted;
 * {@code chacha20poly1305_ietf} accepted, and a 24-byte iv is decrypted as XChaCha20-Poly1305); the AAD is the
 * {@code protected} string exactly as received; the CEK is wrapped per recipient with libsodium {@code
 * crypto_box} (Authcrypt, sender verkey sealed as a base58 string) or {@code crypto_box_seal} (Anoncrypt).
 * Authcrypt unpack keeps libsodium's {@code crypto_box_beforenm} shared key per (recipient, sender) in a
 * bounded cache, so a repeat sender costs one X25519 (the sealed sender) instead of two.
 *
 * <p>Thread-safe; one instance serves a whole process. Every failure caused by input is a {@link
 * DidcommException}: {@code e.p.msg.invalid} (malformed), {@code e.p.msg.unsupported} (unknown {@code enc} or
 * {@code alg}), {@code e.p.msg.unknown-recipient} (no kid held), {@code e.p.trust.crypto} (decryption failed),
 * {@code e.p.msg.too-big} (over the size limit).
 */
public final class EncryptionEnvelope {
    /** The {@code enc} value emitted (and required by Credo). */
    public static final String ENC = ParsedEnvelope.ENC_XCHACHA;
    /** The {@code typ} value of v1 envelopes. */
    public static final String TYP = "JWM/1.0";
    /** Default limit on a packed envelope, in bytes (10 MiB). */
    public static final int DEFAULT_MAX_PACKED_BYTES = 10 * 1024 * 1024;

    private static final int KEY = 32;
    private static final int BOX_NONCE = 24;
    private static final int BOX_MAC = 16;
    private static final int SEAL_OVERHEAD = 48;

    private final SecretResolver secrets;
    private final int maxPackedBytes;
    private final X25519Cache x25519 = new X25519Cache();
    private final SharedKeyCache sharedKeys = new SharedKeyCache();

    /**
     * @param secrets where the private keys of recipients (unpack) and senders (Authcrypt pack) come from,
     *     by base58 verkey
     */
    public EncryptionEnvelope(SecretResolver secrets) {
        this(secrets, DEFAULT_MAX_PACKED_BYTES);
    }

    /**
     * @param secrets where the private keys come from, by base58 verkey
     * @param maxPackedBytes largest packed envelope accepted by {@link #unpack}, in bytes (> 0)
     */
    public EncryptionEnvelope(SecretResolver secrets, int maxPackedBytes) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        if (maxPackedBytes <= 0) {
            throw new IllegalArgumentException("maxPackedBytes: %s (expected: > 0)".formatted(maxPackedBytes));
        }
        this.maxPackedBytes = maxPackedBytes;
    }

    /** As {@link #unpack(byte[])} for a packed message held as a string. */
    public UnpackedMessage unpack(String packed) {
        if (packed == null) {
            throw DidcommException.invalid("envelope: null");
        }
        if (packed.length() > maxPackedBytes) {
            throw tooBig();
        }
        return unpack(packed.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decrypts an RFC 0019 envelope addressed to a key {@code secrets} holds (the first such recipient).
     *
     * @param packed the packed JSON ({@code protected}, {@code iv}, {@code ciphertext}, {@code tag}), UTF-8
     * @return the plaintext and metadata (sender verkey for Authcrypt, recipient verkey used)
     * @throws DidcommException with the problem code of the failure (see class javadoc)
     */
    public UnpackedMessage unpack(byte[] packed) {
        if (packed == null) {
            throw DidcommException.invalid("envelope: null");
        }
        if (packed.length > maxPackedBytes) {
            throw tooBig();
        }
        ParsedEnvelope env = ParsedEnvelope.parse(packed);
        List<String> kids =
                env.recipients().stream().map(ParsedEnvelope.Recipient::kid).toList();
        ParsedEnvelope.Recipient mine;
        Secret secret;
        if (kids.size() == 1) { // the common case: one lookup
            mine = env.recipients().get(0);
            secret = secrets.findKey(mine.kid())
                    .orElseThrow(() -> DidcommException.unknownRecipient("envelope: no recipient key held"));
        } else {
            Set<String> held = secrets.findKeys(kids);
            mine = env.recipients().stream()
                    .filter(r -> held.contains(r.kid()))
                    .findFirst()
                    .orElseThrow(() -> DidcommException.unknownRecipient("envelope: no recipient key held"));
            secret = secrets.findKey(mine.kid())
                    .orElseThrow(() -> DidcommException.unknownRecipient("envelope: no recipient key held"));
        }
        Ed25519.KeyPair recipient = V1Keys.keyPair(secret);
        byte[] recipientX = x25519.x25519(mine.kid());
        byte[] recipientXsk = recipient.x25519SecretKey();
        try {
            String senderVerkey = null;
            byte[] cek;
            if (mine.sender() != null) {
                byte[] senderBytes = sealOpen(mine.sender(), recipientX, recipientXsk, "sender");
                senderVerkey = new String(senderBytes, StandardCharsets.UTF_8);
                byte[] senderX = senderX25519(senderVerkey);
                byte[] shared = sharedKeys.sharedKey(mine.kid(), senderVerkey, senderX, recipientXsk);
                cek = boxOpenAfternm(mine.encryptedKey(), mine.iv(), shared);
            } else {
                cek = sealOpen(mine.encryptedKey(), recipientX, recipientXsk, "encrypted_key");
            }
            if (cek.length != KEY) {
                throw DidcommException.crypto("encrypted_key: wrong key length");
            }
            byte[] plaintext = ContentCipher.decrypt(env, cek);
            UnpackMetadata metadata = new UnpackMetadata(
                    DidcommVersion.V1,
                    true,
                    senderVerkey != null,
                    senderVerkey == null,
                    false,
                    senderVerkey,
                    mine.kid(),
                    null,
                    env.enc(),
                    env.alg().wireName(),
                    kids,
                    false);
            return new UnpackedMessage(plaintext, metadata);
        } finally {
            java.util.Arrays.fill(recipientXsk, (byte) 0);
        }
    }

    /**
     * Packs {@code plaintext} anonymously for every recipient.
     *
     * @param plaintext the plaintext message (UTF-8 JSON)
     * @param recipientKeys recipient Ed25519 keys as base58 verkeys or did:key (emitted as base58 kids)
     * @return the packed envelope JSON
     * @throws DidcommException {@code e.p.msg.invalid} for an empty recipient list or a bad or duplicate key
     */
    public String packAnoncrypt(byte[] plaintext, List<String> recipientKeys) {
        return pack(plaintext, recipientKeys, null);
    }

    /**
     * Packs {@code plaintext} authenticated as {@code senderKey}, whose secret {@code secrets} must hold.
     *
     * @param plaintext the plaintext message (UTF-8 JSON)
     * @param recipientKeys recipient Ed25519 keys as base58 verkeys or did:key (emitted as base58 kids)
     * @param senderKey the sender's Ed25519 verkey (base58 or did:key)
     * @return the packed envelope JSON
     * @throws DidcommException {@code e.p.msg.unknown-recipient} when the sender's secret is not held, {@code
     *     e.p.msg.invalid} for bad keys
     */
    public String packAuthcrypt(byte[] plaintext, List<String> recipientKeys, String senderKey) {
        Objects.requireNonNull(senderKey, "senderKey");
        return pack(plaintext, recipientKeys, Verkeys.normalize(senderKey));
    }

    private String pack(byte[] plaintext, List<String> recipientKeys, String senderVerkey) {
        Objects.requireNonNull(plaintext, "plaintext");
        if (recipientKeys == null || recipientKeys.isEmpty()) {
            throw DidcommException.invalid("recipientKeys: empty (expected: at least one key)");
        }
        Set<String> verkeys = new LinkedHashSet<>();
        for (String k : recipientKeys) {
            if (!verkeys.add(Verkeys.normalize(k))) {
                throw DidcommException.invalid("recipientKeys: duplicate key");
            }
        }
        Ed25519.KeyPair sender = null;
        byte[] senderXsk = null;
        if (senderVerkey != null) {
            Secret secret = secrets.findKey(senderVerkey)
                    .orElseThrow(() -> DidcommException.unknownRecipient("sender key not held"));
            sender = V1Keys.keyPair(secret);
            senderXsk = sender.x25519SecretKey();
        }
        byte[] cek = LibSodium.randomBytes(KEY);
        try {
            ObjectNode header = ParsedEnvelope.JSON.createObjectNode();
            header.put("enc", ENC);
            header.put("typ", TYP);
            header.put("alg", (sender == null ? PackAlg.ANONCRYPT : PackAlg.AUTHCRYPT).wireName());
            ArrayNode recipients = header.putArray("recipients");
            for (String verkey : verkeys) {
                byte[] rx = x25519.x25519(verkey);
                ObjectNode r = recipients.addObject();
                ObjectNode h;
                if (sender == null) {
                    r.put("encrypted_key", B64.encode(seal(cek, rx)));
                    h = r.putObject("header");
                    h.put("kid", verkey);
                } else {
                    byte[] nonce = LibSodium.randomBytes(BOX_NONCE);
                    r.put("encrypted_key", B64.encode(box(cek, nonce, rx, senderXsk)));
                    h = r.putObject("header");
                    h.put("kid", verkey);
                    h.put("sender", B64.encode(seal(senderVerkey.getBytes(StandardCharsets.UTF_8), rx)));
                    h.put("iv", B64.encode(nonce));
                }
            }
            String protectedB64 = B64.encode(ParsedEnvelope.JSON.writeValueAsBytes(header));
            ContentCipher.Sealed sealed = ContentCipher.encrypt(plaintext, cek, ParsedEnvelope.ascii(protectedB64));
            ObjectNode out = ParsedEnvelope.JSON.createObjectNode();
            out.put("protected", protectedB64);
            out.put("iv", B64.encode(sealed.iv()));
            out.put("ciphertext", B64.encode(sealed.ciphertext()));
            out.put("tag", B64.encode(sealed.tag()));
            return ParsedEnvelope.JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON serialisation of an envelope failed", e);
        } finally {
            java.util.Arrays.fill(cek, (byte) 0);
            if (senderXsk != null) {
                java.util.Arrays.fill(senderXsk, (byte) 0);
            }
        }
    }

    private byte[] senderX25519(String senderVerkey) {
        try {
            return x25519.x25519(senderVerkey);
        } catch (DidcommException e) {
            throw DidcommException.crypto("sender: not a valid Ed25519 verkey", e);
        }
    }

    private static byte[] seal(byte[] message, byte[] rx) {
        Sodium s = LibSodium.sodium();
        byte[] out = new byte[message.length + SEAL_OVERHEAD];
        if (s.crypto_box_seal(out, message, message.length, rx) != 0) {
            throw new IllegalStateException("crypto_box_seal failed");
        }
        return out;
    }

    private static byte[] sealOpen(byte[] sealed, byte[] rx, byte[] rxsk, String field) {
        if (sealed.length < SEAL_OVERHEAD) {
            throw DidcommException.crypto(field + ": too short for crypto_box_seal");
        }
        byte[] out = new byte[sealed.length - SEAL_OVERHEAD];
        if (LibSodium.sodium().crypto_box_seal_open(out, sealed, sealed.length, rx, rxsk) != 0) {
            throw DidcommException.crypto(field + ": crypto_box_seal_open failed");
        }
        return out;
    }

    private static byte[] box(byte[] message, byte[] nonce, byte[] rx, byte[] sxsk) {
        byte[] out = new byte[message.length + BOX_MAC];
        if (LibSodium.sodium().crypto_box_easy(out, message, message.length, nonce, rx, sxsk) != 0) {
            throw new IllegalStateException("crypto_box_easy failed");
        }
        return out;
    }

    private static byte[] boxOpenAfternm(byte[] boxed, byte[] nonce, byte[] shared) {
        if (boxed.length < BOX_MAC) {
            throw DidcommException.crypto("encrypted_key: too short for crypto_box");
        }
        byte[] out = new byte[boxed.length - BOX_MAC];
        if (LibSodium.sodium().crypto_box_open_easy_afternm(out, boxed, boxed.length, nonce, shared) != 0) {
            throw DidcommException.crypto("encrypted_key: crypto_box_open failed");
        }
        return out;
    }

    private DidcommException tooBig() {
        return new DidcommException(
                ProblemCode.MSG_TOO_BIG, "envelope: larger than %d bytes".formatted(maxPackedBytes));
    }

    /** The recipient kids of a packed v1 envelope, in order, without decrypting (for routing decisions). */
    public static List<String> recipientKids(byte[] packed) {
        return new ArrayList<>(ParsedEnvelope.parse(packed).recipients().stream()
                .map(ParsedEnvelope.Recipient::kid)
                .toList());
    }
}
