package io.chronoflow.engine.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds a worker credential limited to topics to those topics: a fetch that asks for another topic, and a report
 * (complete, failure, BPMN error, extend lock, unlock) on a task of another topic, are answered 403 and reach nothing.
 */
final class WorkerTopicScope extends OncePerRequestFilter {

    private static final Pattern FETCH = Pattern.compile(".*/(external-task/fetchAndLock|dispatch/fetch-and-lock)");
    private static final Pattern REPORT =
            Pattern.compile(".*/external-task/([^/]+)/(complete|failure|bpmnError|extendLock|unlock)");
    private static final int MAX_FETCH_BODY = 1024 * 1024;

    private final ExternalTaskService externalTasks;
    private final ObjectMapper json;
    private final ProblemResponses problems;

    WorkerTopicScope(ExternalTaskService externalTasks, ObjectMapper json, ProblemResponses problems) {
        this.externalTasks = externalTasks;
        this.json = json;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null
                || !(caller.getPrincipal() instanceof WorkerPrincipal worker)
                || worker.topics().isEmpty()
                || !"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI();
        if (FETCH.matcher(path).matches()) {
            byte[] body = request.getInputStream().readNBytes(MAX_FETCH_BODY);
            for (String topic : topics(body)) {
                if (!worker.mayWorkOn(topic)) {
                    problems.forbid(
                            request,
                            response,
                            "this worker token may fetch only " + worker.topics() + ", not '" + topic + "'");
                    return;
                }
            }
            chain.doFilter(new BufferedRequest(request, body), response);
            return;
        }
        Matcher report = REPORT.matcher(path);
        if (report.matches()) {
            ExternalTask task = externalTasks
                    .createExternalTaskQuery()
                    .externalTaskId(report.group(1))
                    .singleResult();
            if (task != null && !worker.mayWorkOn(task.getTopicName())) {
                problems.forbid(
                        request,
                        response,
                        "this worker token may work only on " + worker.topics() + ", not '" + task.getTopicName()
                                + "'");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private List<String> topics(byte[] body) {
        List<String> topics = new ArrayList<>();
        try {
            JsonNode requested = json.readTree(body).path("topics");
            requested.forEach(t -> topics.add(t.path("topicName").asText("")));
        } catch (IOException malformed) {
            // not JSON: the endpoint itself answers 400
        }
        return topics;
    }
}
