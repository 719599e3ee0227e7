package dev.switchboard.mediator.message;

/**
 * A CDI bean serving DIDComm protocols declaratively: {@link Serves} on the class names each protocol, {@link
 * Handles} on a method each message type it answers. The {@link HandlerRegistry} finds the beans by this type.
 */
public interface ProtocolHandler {}
