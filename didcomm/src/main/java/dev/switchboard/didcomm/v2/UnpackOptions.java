package dev.switchboard.didcomm.v2;

/**
 * Limits and choices for {@link DidcommV2#unpack(String, UnpackOptions)}.
 *
 * @param maxMessageChars the largest packed message accepted, in chars; larger gives {@code e.p.msg.too-big}
 * @param unwrapReWrappingForward when the plaintext is a routing/2.0 {@code forward} whose attached message
 *     is encrypted to a key held here, unpack that too and report {@code reWrappedInForward}
 * @param acceptEcdh1puDraft3 accept authcrypt whose KEK was derived without the tag (ECDH-1PU draft 03, as
 *     Veramo 7 / did-jwt send) when the draft-04 KEK fails; see {@code Jwe} for the weakness this admits
 */
public record UnpackOptions(int maxMessageChars, boolean unwrapReWrappingForward, boolean acceptEcdh1puDraft3) {
    /**
     * 4 MiB chars, unwrap re-wrapping forwards, ECDH-1PU draft 03 refused (its weakness: see {@code Jwe}; a
     * receiver that must open Veramo 7 / did-jwt authcrypt turns it on explicitly).
     */
    public static final UnpackOptions DEFAULT = new UnpackOptions(4 * 1024 * 1024, true, false);

    /** {@link #DEFAULT} with ECDH-1PU draft 03 authcrypt accepted (Veramo 7 / did-jwt senders). */
    public static final UnpackOptions ACCEPT_ECDH_1PU_DRAFT_03 = new UnpackOptions(4 * 1024 * 1024, true, true);

    public UnpackOptions {
        if (maxMessageChars <= 0) {
            throw new IllegalArgumentException("maxMessageChars: " + maxMessageChars + " (expected: > 0)");
        }
    }
}
