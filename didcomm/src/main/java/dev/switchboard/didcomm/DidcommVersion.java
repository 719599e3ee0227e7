package dev.switchboard.didcomm;

/** The DIDComm generation of a packed message; decides how a mediator answers it. */
public enum DidcommVersion {
    /** DIDComm v1: <a href="https://github.com/hyperledger/aries-rfcs/tree/main/features/0019-encryption-envelope">RFC 0019</a> envelopes, {@code typ JWM/1.0}. */
    V1,
    /** DIDComm v2: <a href="https://identity.foundation/didcomm-messaging/spec/v2.1/">DIF DIDComm Messaging 2.1</a>. */
    V2
}
