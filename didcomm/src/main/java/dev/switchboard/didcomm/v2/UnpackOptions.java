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
     * 4 MiB chars, unwrap re-wrapping forwards, ECDH-1PU draft 03 and JWEs without {@code apv} refused (their
     * weakness: see {@code Jwe}; a receiver that must open Veramo 7 / did-jwt authcrypt turns them on
     * explicitly with {@link #ACCEPT_ECDH_1PU_DRAFT_03}).
     */
    public static final UnpackOptions DEFAULT = new UnpackOptions(4 * 1024 * 1024, true, false);

    /** {@link #DEFAULT} with Veramo 7 / did-jwt interop: ECDH-1PU draft 03 and no {@code apv} accepted. */
    public static final UnpackOptions ACCEPT_ECDH_1PU_DRAFT_03 = new UnpackOptions(4 * 1024 * 1024, true, true);

    public UnpackOptions {
        if (maxMessageChars <= 0) {
            throw new IllegalArgumentException("maxMessageChars: " + maxMessageChars + " (expected: > 0)");
        }
    }

    /**
     * Veramo interop on or off as one choice: {@code acceptWithoutApv} = {@code acceptEcdh1puDraft3}, both of
     * which only Veramo 7 among our interop clients needs.
     */
    public UnpackOptions(int maxMessageChars, boolean unwrapReWrappingForward, boolean acceptEcdh1puDraft3) {
        this(maxMessageChars, unwrapReWrappingForward, acceptEcdh1puDraft3, acceptEcdh1puDraft3);
    }
}
