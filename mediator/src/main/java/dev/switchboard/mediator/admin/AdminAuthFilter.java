package dev.switchboard.mediator.admin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jspecify.annotations.Nullable;

/**
 * Guards every {@code /admin} path before routing: 404 problem while the admin API is disabled (no token
 * configured), 401 problem with {@code WWW-Authenticate: Bearer realm="switchboard-admin"} (<a
 * href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 section 3</a>) without the right bearer
 * token. Other paths pass untouched.
 */
public class AdminAuthFilter {
    /** The path prefix of the admin API. */
    public static final String PREFIX = "/admin";

    private final AdminToken token;
    private final AuditLog audit;

    /** Constructor injection. */
    public AdminAuthFilter(AdminToken token, AuditLog audit) {
        this.token = token;
        this.audit = audit;
    }

    @ServerRequestFilter(preMatching = true)
    @Nullable
    Response guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals(PREFIX) || path.startsWith(PREFIX + "/"))) {
            return null;
        }
        if (!token.enabled()) {
            return Problem.Type.NOT_FOUND
                    .with("the admin API is disabled: no switchboard.admin.token-file or token configured", path)
                    .toResponse();
        }
        if (!token.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            audit.refused(request.getMethod(), path);
            Response problem = Problem.Type.UNAUTHORIZED
                    .with("send Authorization: Bearer <admin token>", path)
                    .toResponse();
            return Response.fromResponse(problem)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"switchboard-admin\"")
                    .build();
        }
        return null;
    }
}
