package io.chronoflow.worker.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills the placeholders of one call's templates: {@code ${name}} with the run's variable {@code name} and
 * {@code ${secret:NAME}} with a secret of the worker. It remembers every secret value it handed out, so that anything
 * the call reports (failure messages, response excerpts) can be {@link #redact redacted} before it leaves the worker.
 */
final class Placeholders {

    /** {@code ${…}}: a variable name, or {@code secret:} and a secret name. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    static final String SECRET = "secret:";
    static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9_]+");
    static final String REDACTED = "***";

    private final Map<String, Object> variables;
    private final SecretSource secrets;
    private final ObjectMapper json;
    private final Set<String> resolvedSecrets = new LinkedHashSet<>();

    Placeholders(Map<String, Object> variables, SecretSource secrets, ObjectMapper json) {
        this.variables = variables;
        this.secrets = secrets;
        this.json = json;
    }

    /** {@code template} with each placeholder replaced by its value as text. */
    String text(String template, String property) throws HttpTaskException {
        return fill(template, property, UnaryOperator.identity());
    }

    /** The same for a URL: each value is percent-encoded (UTF-8), so it cannot change the URL's structure. */
    String url(String template, String property) throws HttpTaskException {
        return fill(
                template,
                property,
                v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /**
     * A copy of the JSON {@code template}: a string that is exactly one {@code ${name}} becomes the variable's JSON
     * value (a number stays a number, a map an object); placeholders inside longer strings are filled in as text.
     */
    JsonNode json(JsonNode template, String property) throws HttpTaskException {
        if (template.isTextual()) {
            String text = template.asText();
            Matcher whole = PLACEHOLDER.matcher(text);
            if (whole.matches() && !whole.group(1).startsWith(SECRET)) {
                return json.valueToTree(variable(whole.group(1).strip(), property, true));
            }
            return TextNode.valueOf(text(text, property));
        }
        if (template.isObject()) {
            ObjectNode filled = json.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                filled.set(field.getKey(), json(field.getValue(), property));
            }
            return filled;
        }
        if (template.isArray()) {
            ArrayNode filled = json.createArrayNode();
            for (JsonNode item : template) {
                filled.add(json(item, property));
            }
            return filled;
        }
        return template.deepCopy();
    }

    /** {@code text} with every secret value handed out so far (and its URL-encoded form) replaced by {@code ***}. */
    String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        // Longest first, so that a secret containing another is hidden whole.
        List<String> longestFirst = new ArrayList<>(resolvedSecrets);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        for (String secret : longestFirst) {
            redacted = redacted.replace(secret, REDACTED);
            String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
            redacted = redacted.replace(encoded, REDACTED).replace(encoded.replace("+", "%20"), REDACTED);
        }
        return redacted;
    }

    private String fill(String template, String property, UnaryOperator<String> encode) throws HttpTaskException {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        int last = 0;
        while (m.find()) {
            filled.append(template, last, m.start());
            String inner = m.group(1).strip();
            String value = inner.startsWith(SECRET)
                    ? secret(inner.substring(SECRET.length()).strip(), property)
                    : asText(variable(inner, property, false));
            filled.append(encode.apply(value));
            last = m.end();
        }
        return filled.append(template, last, template.length()).toString();
    }

    private String secret(String name, String property) throws HttpTaskException {
        String value = secrets.secret(name)
                .orElseThrow(() -> new HttpTaskException(
                        property + " refers to " + secrets.origin(name) + ", which is not set on this worker"));
        resolvedSecrets.add(value);
        return value;
    }

    private Object variable(String name, String property, boolean nullAllowed) throws HttpTaskException {
        if (!variables.containsKey(name)) {
            throw new HttpTaskException(
                    property + " refers to the variable '" + name + "', which the run does not have");
        }
        Object value = variables.get(name);
        if (value == null && !nullAllowed) {
            throw new HttpTaskException(property + " refers to the variable '" + name + "', which is null");
        }
        return value;
    }

    private String asText(Object value) throws HttpTaskException {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        try {
            JsonNode node = json.valueToTree(value);
            return node.isTextual() ? node.asText() : json.writeValueAsString(node);
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new HttpTaskException(
                    "a variable of type " + value.getClass().getName() + " cannot be written as text");
        }
    }
}
