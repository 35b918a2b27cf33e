package io.chronoflow.worker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One task element's HTTP call as its {@code camunda:properties} describe it, checked all at once: every problem is
 * named with its property. The URL, header values and body are still templates here; {@link Placeholders} fills them
 * per run.
 *
 * @param method the HTTP method, upper case.
 * @param url the URL template.
 * @param headers header name to value template, in the model's order.
 * @param body the JSON body template, or null for none.
 * @param timeout how long the whole exchange may take.
 * @param success the statuses that complete the task.
 * @param resultPrefix the prefix of the result variables ({@code <prefix>Status}, {@code <prefix>Body}).
 */
record HttpCall(
        String method,
        String url,
        Map<String, String> headers,
        JsonNode body,
        Duration timeout,
        StatusSet success,
        String resultPrefix) {

    static final String URL = "chronoflow.http.url";
    static final String METHOD = "chronoflow.http.method";
    static final String HEADERS = "chronoflow.http.headers";
    static final String BODY = "chronoflow.http.body";
    static final String TIMEOUT = "chronoflow.http.timeout";
    static final String SUCCESS = "chronoflow.http.success";
    static final String RESULT = "chronoflow.http.result";

    static final String DEFAULT_METHOD = "POST";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final String DEFAULT_RESULT = "http";

    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    /** Headers that carry credentials: their values must come from a placeholder, never stand in the model. */
    static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization");

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern URL_START = Pattern.compile("(?i)(https?)://([^/?#]*).*");

    HttpCall {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The call described by {@code properties}; a {@link HttpTaskException} lists every property that is wrong. */
    static HttpCall of(Map<String, String> properties, ObjectMapper json) throws HttpTaskException {
        List<String> problems = new ArrayList<>();

        String url = optional(properties, URL, "");
        if (url.isEmpty()) {
            problems.add(URL + " is required (the http:// or https:// address to call)");
        } else {
            Matcher start = URL_START.matcher(url);
            if (!start.matches()) {
                problems.add(URL + " must start with http:// or https://");
            } else if (start.group(2).contains("@") && !start.group(2).contains("${")) {
                problems.add(URL + " holds a literal user and password; reference a secret as ${secret:NAME}");
            }
            secretNames(url, URL, problems);
        }

        String method = optional(properties, METHOD, DEFAULT_METHOD).toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            problems.add(
                    METHOD + " must be one of " + new TreeSet<>(METHODS) + ", was '" + properties.get(METHOD) + "'");
        }

        Map<String, String> headers = headers(optional(properties, HEADERS, null), json, problems);

        JsonNode body = null;
        String bodyText = optional(properties, BODY, null);
        if (bodyText != null) {
            try {
                body = json.readTree(bodyText);
                secretNames(bodyText, BODY, problems);
            } catch (JsonProcessingException e) {
                problems.add(BODY + " must be a JSON template: " + e.getOriginalMessage());
            }
        }

        Duration timeout = DEFAULT_TIMEOUT;
        String timeoutText = optional(properties, TIMEOUT, null);
        if (timeoutText != null) {
            try {
                timeout = Duration.parse(timeoutText);
                if (timeout.isNegative() || timeout.isZero()) {
                    problems.add(TIMEOUT + " must be positive, was '" + timeoutText + "'");
                }
            } catch (DateTimeParseException e) {
                problems.add(TIMEOUT + " must be an ISO-8601 duration such as PT30S, was '" + timeoutText + "'");
            }
        }

        StatusSet success = null;
        String successText = optional(properties, SUCCESS, StatusSet.DEFAULT);
        try {
            success = StatusSet.parse(successText);
        } catch (IllegalArgumentException e) {
            problems.add(SUCCESS + " must list status codes, ranges or classes such as 200-299 or 200,201,204 or 2xx: "
                    + e.getMessage());
        }

        String result = optional(properties, RESULT, DEFAULT_RESULT);
        if (!IDENTIFIER.matcher(result).matches()) {
            problems.add(RESULT + " must be a variable name prefix of letters, digits and _, was '" + result + "'");
        }

        if (!problems.isEmpty()) {
            throw new HttpTaskException("invalid HTTP task: " + String.join("; ", problems));
        }
        return new HttpCall(method, url, headers, body, timeout, success, result);
    }

    String statusVariable() {
        return resultPrefix + "Status";
    }

    String bodyVariable() {
        return resultPrefix + "Body";
    }

    /** How failures name this call: method and URL template, so no filled-in value (or secret) is shown. */
    String describe() {
        return method + " " + url;
    }

    /** The property's value, stripped; a blank one (as the Modeler leaves a cleared field) counts as absent. */
    private static String optional(Map<String, String> properties, String name, String absent) {
        String value = properties.get(name);
        return value == null || value.isBlank() ? absent : value.strip();
    }

    private static Map<String, String> headers(String text, ObjectMapper json, List<String> problems) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null) {
            return headers;
        }
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(HEADERS + " must be a JSON object of header name to value: " + e.getOriginalMessage());
            return headers;
        }
        if (!node.isObject()) {
            problems.add(HEADERS + " must be a JSON object of header name to value");
            return headers;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (!TOKEN.matcher(name).matches()) {
                problems.add(HEADERS + ": '" + name + "' is not a valid header name");
                continue;
            }
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                problems.add(HEADERS + ": the value of '" + name + "' must be text");
                continue;
            }
            String value = field.getValue().asText();
            if (CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !value.contains("${")) {
                problems.add(HEADERS + ": '" + name
                        + "' holds a literal credential; reference a secret as ${secret:NAME} instead");
                continue;
            }
            secretNames(value, HEADERS, problems);
            headers.put(name, value);
        }
        return headers;
    }

    private static void secretNames(String template, String property, List<String> problems) {
        Matcher m = Placeholders.PLACEHOLDER.matcher(template);
        while (m.find()) {
            String inner = m.group(1).strip();
            if (inner.isEmpty()) {
                problems.add(property + " has an empty placeholder ${}");
            } else if (inner.startsWith(Placeholders.SECRET)) {
                String name = inner.substring(Placeholders.SECRET.length()).strip();
                if (!Placeholders.SECRET_NAME.matcher(name).matches()) {
                    problems.add(property + ": '" + name + "' is no secret name (letters, digits and _)");
                }
            }
        }
    }
}
