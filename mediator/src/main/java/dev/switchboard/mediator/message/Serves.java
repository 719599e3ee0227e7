package dev.switchboard.mediator.message;

import dev.switchboard.didcomm.DidcommVersion;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a protocol a {@link ProtocolHandler} serves, as discover-features discloses it: its PIURI, the
 * mediator's roles in it and the DIDComm generations it is served over (a message of another generation gets
 * {@code e.p.msg.unsupported}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Serves.All.class)
public @interface Serves {
    /** The PIURI, e.g. {@code https://didcomm.org/messagepickup/2.0}. */
    String value();

    /** The mediator's roles, e.g. {@code mediator}. */
    String[] roles();

    /** The generations served; DIDComm v1 by default. */
    DidcommVersion[] generations() default DidcommVersion.V1;

    /** The container of repeated {@link Serves}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface All {
        Serves[] value();
    }
}
