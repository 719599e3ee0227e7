package dev.switchboard.mediator.quota;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The client address of the HTTP request being processed on this thread ({@code POST /}), so a quota deep in
 * the message path can name an anonymous sender by it. Set by the ingress around the processing of one request
 * (each request runs on its own virtual thread).
 */
public final class RequestSource {
    private static final ThreadLocal<@Nullable String> ADDRESS = new ThreadLocal<>();

    private RequestSource() {}

    /** Runs {@code work} with {@code address} as the request's source on this thread. */
    public static <T> T with(@Nullable String address, Supplier<T> work) {
        ADDRESS.set(address);
        try {
            return work.get();
        } finally {
            ADDRESS.remove();
        }
    }

    /** The source address of the request processed on this thread, or null (a relay frame, a test). */
    public static @Nullable String address() {
        return ADDRESS.get();
    }
}
