package io.chronoflow.worker.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts between plain Java values and the typed variables of the Camunda REST protocol ({@code {"value": …, "type":
 * "Integer"}}). Maps, lists and other objects travel as the engine's {@code Json} type (Spin), never as Java
 * serialization.
 */
public final class Variables {

    /** The date format of the Camunda REST API. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private static final TypeReference<Object> ANY = new TypeReference<>() {};

    private final ObjectMapper json;

    public Variables(ObjectMapper json) {
        this.json = json;
    }

    /** The typed form of each value, as the engine's REST API takes it. */
    public ObjectNode toTyped(Map<String, Object> values) {
        ObjectNode typed = json.createObjectNode();
        values.forEach((name, value) -> typed.set(name, typedValue(value)));
        return typed;
    }

    private ObjectNode typedValue(Object value) {
        ObjectNode node = json.createObjectNode();
        if (value == null) {
            node.putNull("value");
            node.put("type", "Null");
        } else if (value instanceof String s) {
            node.put("value", s);
            node.put("type", "String");
        } else if (value instanceof Integer i) {
            node.put("value", i);
            node.put("type", "Integer");
        } else if (value instanceof Long l) {
            node.put("value", l);
            node.put("type", "Long");
        } else if (value instanceof Short s) {
            node.put("value", s);
            node.put("type", "Short");
        } else if (value instanceof Double d) {
            node.put("value", d);
            node.put("type", "Double");
        } else if (value instanceof Float f) {
            node.put("value", f.doubleValue());
            node.put("type", "Double");
        } else if (value instanceof Boolean b) {
            node.put("value", b);
            node.put("type", "Boolean");
        } else if (value instanceof Date d) {
            node.put("value", DATE.format(d.toInstant().atOffset(ZoneOffset.UTC)));
            node.put("type", "Date");
        } else if (value instanceof Instant i) {
            node.put("value", DATE.format(i.atOffset(ZoneOffset.UTC)));
            node.put("type", "Date");
        } else if (value instanceof byte[] bytes) {
            node.put("value", Base64.getEncoder().encodeToString(bytes));
            node.put("type", "Bytes");
        } else {
            // Maps, lists, JsonNodes and any other object: JSON, never Java serialization.
            node.put("value", write(value));
            node.put("type", "Json");
        }
        return node;
    }

    /** Plain Java values from the engine's typed variables; JSON values become maps and lists. */
    public Map<String, Object> fromTyped(JsonNode typed) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (typed == null || typed.isNull()) {
            return values;
        }
        typed.fields().forEachRemaining(e -> values.put(e.getKey(), plainValue(e.getValue())));
        return values;
    }

    private Object plainValue(JsonNode typedValue) {
        String type = typedValue.path("type").asText("");
        JsonNode value = typedValue.get("value");
        if (value == null || value.isNull()) {
            return null;
        }
        return switch (type) {
            case "String" -> value.asText();
            case "Integer" -> value.asInt();
            case "Long" -> value.asLong();
            case "Short" -> (short) value.asInt();
            case "Double" -> value.asDouble();
            case "Boolean" -> value.asBoolean();
            case "Date" -> OffsetDateTime.parse(value.asText(), DATE).toInstant();
            case "Bytes" -> Base64.getDecoder().decode(value.asText());
            case "Json", "Object" -> value.isTextual() ? read(value.asText()) : json.convertValue(value, ANY);
            default -> json.convertValue(value, ANY);
        };
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("variable value cannot be written as JSON: " + value.getClass(), e);
        }
    }

    private Object read(String text) {
        try {
            return json.readValue(text, ANY);
        } catch (JsonProcessingException e) {
            return text; // not JSON after all (e.g. an XML object value): hand over the raw text
        }
    }
}
