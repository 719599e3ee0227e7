package dev.switchboard.didcomm;

import java.util.Objects;

/**
 * A DIDComm problem code: {@code sorter.scope.descriptors}, e.g. {@code e.p.trust.crypto}.
 *
 * <p>Source: <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/#problem-codes">DIDComm
 * Messaging 2.1, Problem Codes</a>. The same codes go into DIDComm v1
 * <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0035-report-problem">RFC 0035</a>
 * problem reports as {@code description.code}.
 *
 * @param code the dotted code, never blank
 */
public record ProblemCode(String code) {
    /** Decryption, signature or key-agreement failure. */
    public static final ProblemCode TRUST_CRYPTO = new ProblemCode("e.p.trust.crypto");
    /** The envelope or message is not valid for its type (bad JSON, missing fields, wrong types). */
    public static final ProblemCode MSG_INVALID = new ProblemCode("e.p.msg.invalid");
    /** A well-formed message of an algorithm, media type or protocol we do not support. */
    public static final ProblemCode MSG_UNSUPPORTED = new ProblemCode("e.p.msg.unsupported");
    /** None of the envelope's recipients is a key we hold. */
    public static final ProblemCode MSG_UNKNOWN_RECIPIENT = new ProblemCode("e.p.msg.unknown-recipient");
    /** A DID could not be resolved, or its document lacks the key the message names. */
    public static final ProblemCode DID_UNRESOLVABLE = new ProblemCode("e.p.did.unresolvable");
    /** The message is larger than the configured limit. */
    public static final ProblemCode MSG_TOO_BIG = new ProblemCode("e.p.msg.too-big");
    /** The message expired ({@code expires_time} in the past). */
    public static final ProblemCode MSG_EXPIRED = new ProblemCode("e.p.msg.expired");

    public ProblemCode {
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) {
            throw new IllegalArgumentException("code: blank (expected: sorter.scope.descriptors)");
        }
    }

    @Override
    public String toString() {
        return code;
    }
}
