package dev.switchboard.didcomm;

import java.util.Objects;

/**
 * The one unchecked exception family of this library: every failure caused by input (a packed message, a
 * DID, a key) is one of these and carries the {@link ProblemCode} the mediator answers with.
 *
 * <p>Callers map {@link #problemCode()} to a problem report or an HTTP status in one place; they never
 * inspect messages. Subclasses narrow the cause (crypto, malformed, unsupported, unresolvable) but need not
 * be caught individually.
 */
public class DidcommException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ProblemCode problemCode;

    /**
     * @param problemCode the problem code this failure maps to
     * @param message what was wrong, safe to show a sender (no key material, no plaintext)
     */
    public DidcommException(ProblemCode problemCode, String message) {
        super(message);
        this.problemCode = Objects.requireNonNull(problemCode, "problemCode");
    }

    /**
     * @param problemCode the problem code this failure maps to
     * @param message what was wrong, safe to show a sender (no key material, no plaintext)
     * @param cause the underlying library exception
     */
    public DidcommException(ProblemCode problemCode, String message, Throwable cause) {
        super(message, cause);
        this.problemCode = Objects.requireNonNull(problemCode, "problemCode");
    }

    /** The DIDComm problem code this failure maps to, e.g. {@code e.p.trust.crypto}. */
    public ProblemCode problemCode() {
        return problemCode;
    }

    /** Input that is not a valid envelope or message: bad JSON, missing or wrongly typed fields. */
    public static DidcommException invalid(String message) {
        return new DidcommException(ProblemCode.MSG_INVALID, message);
    }

    /** Input that is not a valid envelope or message, with the parser's exception as cause. */
    public static DidcommException invalid(String message, Throwable cause) {
        return new DidcommException(ProblemCode.MSG_INVALID, message, cause);
    }

    /** A decryption or verification failure. The message never says which step failed in detail. */
    public static DidcommException crypto(String message, Throwable cause) {
        return new DidcommException(ProblemCode.TRUST_CRYPTO, message, cause);
    }

    /** A decryption or verification failure without an underlying exception. */
    public static DidcommException crypto(String message) {
        return new DidcommException(ProblemCode.TRUST_CRYPTO, message);
    }

    /** A well-formed input using an algorithm, curve or media type this library does not support. */
    public static DidcommException unsupported(String message) {
        return new DidcommException(ProblemCode.MSG_UNSUPPORTED, message);
    }

    /** No recipient of the envelope is a key the {@link SecretResolver} holds. */
    public static DidcommException unknownRecipient(String message) {
        return new DidcommException(ProblemCode.MSG_UNKNOWN_RECIPIENT, message);
    }

    /** A DID that cannot be resolved, or a key id its document does not contain. */
    public static DidcommException unresolvable(String message) {
        return new DidcommException(ProblemCode.DID_UNRESOLVABLE, message);
    }
}
