package dev.switchboard.mediator.admin;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers an {@link AdminProblem} with its RFC 9457 problem response. */
public class AdminProblemMapper {

    @ServerExceptionMapper
    Response problem(AdminProblem e, HttpServerRequest request) {
        return e.type().with(e.getMessage(), request.path()).toResponse();
    }
}
