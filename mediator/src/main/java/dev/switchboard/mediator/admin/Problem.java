package dev.switchboard.mediator.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 9457 problem detail (<a href="https://www.rfc-editor.org/rfc/rfc9457#section-3">section 3</a>), the
 * body of every admin API error, as {@value #MEDIA_TYPE}. {@code type} is a relative URI naming the problem
 * (resolved against the request URI, as section 3.1.1 allows); {@code instance} is the request path.
 *
 * @param type the problem type, e.g. {@code /admin/problems/not-found}
 * @param title short summary of the type
 * @param status the HTTP status
 * @param detail what went wrong with this request
 * @param instance the request path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        @Nullable String instance) {

    /** {@code application/problem+json}. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The problem types the admin API answers. */
    public enum Type {
        /** 400: a parameter is missing or malformed. */
        BAD_REQUEST(400, "bad-request", "Bad request"),
        /** 401: no or a wrong bearer token. */
        UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
        /** 404: no such wallet, dead letter or path (also every path while the admin API is disabled). */
        NOT_FOUND(404, "not-found", "Not found"),
        /** 409: the action conflicts with the stored state (a requeued id is stored already). */
        CONFLICT(409, "conflict", "Conflict"),
        /** 503: the store (Redis) failed. */
        UNAVAILABLE(503, "store-unavailable", "Store unavailable"),
        /** 507: the wallet's mailbox cap rejects the message (as for forwards, {@code e.p.me.res.storage}). */
        MAILBOX_FULL(507, "mailbox-full", "Mailbox full");

        private final int status;
        private final String slug;
        private final String title;

        Type(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        /** The HTTP status. */
        public int status() {
            return status;
        }

        /** The type URI. */
        public String uri() {
            return "/admin/problems/" + slug;
        }

        /** A problem of this type. */
        public Problem with(String detail, @Nullable String instance) {
            return new Problem(uri(), title, status, detail, instance);
        }
    }

    /** This problem as a response. */
    public Response toResponse() {
        return Response.status(status)
                .type(MediaType.valueOf(MEDIA_TYPE))
                .entity(this)
                .build();
    }
}
