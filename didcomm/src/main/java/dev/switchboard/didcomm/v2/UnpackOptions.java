package dev.switchboard.didcomm.v2;

/**
 * Limits and choices for {@link DidcommV2#unpack(String, UnpackOptions)}.
 *
 * @param maxMessageChars the largest packed message accepted, in chars; larger gives {@code e.p.msg.too-big}
 * @param unwrapReWrappingForward when the plaintext is a routing/2.0 {@code forward} whose attached message
 *     is encrypted to a key held here, unpack that too and report {@code reWrappedInForward}
 * @param acceptEcdh1puDraft3 accept authcrypt whose KEK was derived without the tag (ECDH-1PU draft 03, as
 *     Veramo 7 / did-jwt send) when the draft-04 KEK fails; see {@code Jwe} for the weakness this admits
 * @param acceptWithoutApv accept a JWE whose protected header has no {@code apv} (and, for authcrypt, no
 *     {@code apu}, with a draft-03 KEK): the form Veramo 7.0.1 sends. Its recipient {@code kid}s are then not
 *     bound to each other, so {@link dev.switchboard.didcomm.UnpackMetadata#allRecipientKids()} lists them
 *     as they stand; see {@code Jwe}. When false, such a JWE gives {@code e.p.msg.invalid}. An {@code apv}
 *     that is present is always checked.
 */
public record UnpackOptions(
        int maxMessageChars, boolean unwrapReWrappingForward, boolean acceptEcdh1puDraft3, boolean acceptWithoutApv) {
    /**
     * 4 MiB chars, unwrap re-wrapping forwards, ECDH-1PU draft 03 refused (its weakness: see {@code Jwe}), and
     * a JWE without {@code apv} accepted: Veramo 7's anoncrypt (every forward it sends a mediator) has none.
     * Veramo's authcrypt without {@code apv} still needs the draft-03 KEK, so it is refused here; a receiver
     * that must open it turns draft 03 on explicitly with {@link #ACCEPT_ECDH_1PU_DRAFT_03}.
     */
    public static final UnpackOptions DEFAULT = new UnpackOptions(4 * 1024 * 1024, true, false);

    /** {@link #DEFAULT} with Veramo 7 / did-jwt authcrypt interop: ECDH-1PU draft 03 accepted too. */
    public static final UnpackOptions ACCEPT_ECDH_1PU_DRAFT_03 = new UnpackOptions(4 * 1024 * 1024, true, true);

    public UnpackOptions {
        if (maxMessageChars <= 0) {
            throw new IllegalArgumentException("maxMessageChars: " + maxMessageChars + " (expected: > 0)");
        }
    }

    /**
     * With {@code acceptWithoutApv} on: a header without {@code apv} is Veramo 7's form, which real senders
     * post to mediators; an authcrypt one among them still opens only with {@code acceptEcdh1puDraft3}.
     */
    public UnpackOptions(int maxMessageChars, boolean unwrapReWrappingForward, boolean acceptEcdh1puDraft3) {
        this(maxMessageChars, unwrapReWrappingForward, acceptEcdh1puDraft3, true);
    }
}
