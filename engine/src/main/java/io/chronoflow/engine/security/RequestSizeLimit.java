package io.chronoflow.engine.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured size before anything reads them: 413 problem+json naming the limit.
 * Deployments ({@code /engine-rest/deployment/create}) may be larger than other requests. A chunked body without a
 * declared length is read up to the limit and refused beyond it; chunked multipart bodies are bounded by {@code
 * spring.servlet.multipart.*}, which the engine sets to the deployment limit.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

    private final long requestBody;
    private final long deploymentBody;
    private final ProblemResponses problems;

    RequestSizeLimit(DataSize requestBody, DataSize deploymentBody, ProblemResponses problems) {
        this.requestBody = requestBody.toBytes();
        this.deploymentBody = deploymentBody.toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean deployment = request.getRequestURI().endsWith("/deployment/create");
        long limit = deployment ? deploymentBody : requestBody;
        long length = request.getContentLengthLong();
        boolean multipart = request.getContentType() != null
                && request.getContentType().toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
        if (length < 0 && request.getHeader("Transfer-Encoding") != null && !multipart) {
            // No declared length: read up to the limit, refuse beyond it, hand on what was read.
            byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length <= limit) {
                chain.doFilter(new BufferedRequest(request, body), response);
                return;
            }
            length = body.length;
        }
        if (length > limit) {
            problems.write(
                    request,
                    response,
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "The request body has " + (length > limit ? "more than " + limit : length) + " bytes; at most "
                            + limit
                            + " are accepted"
                            + (deployment
                                    ? " for a deployment (chronoflow.limits.deployment-body)."
                                    : " (chronoflow.limits.request-body)."));
            return;
        }
        chain.doFilter(request, response);
    }
}
