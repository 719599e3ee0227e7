package dev.switchboard.mediator.message;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the method of a {@link ProtocolHandler} that handles one message type: the method takes the {@link
 * InboundMessage} and returns {@link Handled}; the {@link HandlerRegistry} routes every message of that name and
 * MAJOR version (either community prefix, any minor version) to it. The type's PIURI must be declared by a
 * {@link Serves} of the class.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Handles.All.class)
public @interface Handles {
    /** The full message-type URI in its {@code https://didcomm.org/} form (Aries RFC 0020). */
    String value();

    /** The container of repeated {@link Handles}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface All {
        Handles[] value();
    }
}
