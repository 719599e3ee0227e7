package dev.switchboard.didcomm.v2;

/**
 * Limits and choices for {@link DidcommV2#unpack(String, UnpackOptions)}.
 *
 * @param maxMessageChars the largest packed message accepted, in chars; larger gives {@code e.p.msg.too-big}
 * @param unwrapReWrappingForward when the plaintext is a routing/2.0 {@code forward} whose attached message
 *     is encrypted to a key held here, unpack that too and report {@code reWrappedInForward}
 */
public record UnpackOptions(int maxMessageChars, boolean unwrapReWrappingForward) {
    /** 4 MiB chars, unwrap re-wrapping forwards. */
    public static final UnpackOptions DEFAULT = new UnpackOptions(4 * 1024 * 1024, true);

    public UnpackOptions {
        if (maxMessageChars <= 0) {
            throw new IllegalArgumentException("maxMessageChars: " + maxMessageChars + " (expected: > 0)");
        }
    }
}
