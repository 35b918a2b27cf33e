package io.chronoflow.engine.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers missing credentials (401) and missing rights (403) with an RFC 9457 problem document. A 401 carries the Basic
 * challenge unless the request says it comes from a script ({@code X-Requested-With: XMLHttpRequest}, as the jobs
 * console sends and Spring Security's own Basic entry point honours): then the browser shows no login dialog of its
 * own over the page.
 */
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String REALM = "chronoflow";
    static final String REQUESTED_WITH = "X-Requested-With";
    static final String SCRIPT = "XMLHttpRequest";

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (!SCRIPT.equalsIgnoreCase(request.getHeader(REQUESTED_WITH))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        }
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                "Valid credentials are required: send HTTP Basic credentials of an engine user, or a worker token as"
                        + " Authorization: Bearer.");
    }

    /** 403 with a specific reason. */
    void forbid(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                "The caller's role does not allow " + request.getMethod() + " " + request.getRequestURI() + ".");
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
