package io.chronoflow.engine.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** BPMN documents for tests, built as the Camunda Modeler writes them. */
public final class Models {

    private Models() {}

    /** An on-demand process: start → external task on {@code topic} → end. */
    public static byte[] externalTaskProcess(String key, String topic) {
        return externalTaskProcess(key, topic, null);
    }

    /** The same, with {@code chronoflow.routing} set on the task. */
    public static byte[] externalTaskProcess(String key, String topic, String routing) {
        return process(
                key,
                Map.of(),
                noneStart("work")
                        + externalTask(
                                "work",
                                topic,
                                routing == null ? Map.of() : Map.of("chronoflow.routing", routing),
                                "",
                                "")
                        + END);
    }

    /** An on-demand process whose external task on {@code topic} has the priority of the variable {@code priority}. */
    public static byte[] prioritizedExternalTaskProcess(String key, String topic) {
        return new String(externalTaskProcess(key, topic), java.nio.charset.StandardCharsets.UTF_8)
                .replace(
                        "camunda:topic=\"" + topic + "\"",
                        "camunda:topic=\"" + topic + "\" camunda:taskPriority=\"${priority}\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * An on-demand sharded process: start → parallel multi-instance external task over {@code shards} shard indexes
     * (variables {@code shardIndex}, {@code shardTotal}) → end.
     */
    public static byte[] shardedProcess(String key, String topic, int shards) {
        return shardedProcess(key, topic, shards, null);
    }

    /** The same, with {@code chronoflow.routing} set on the task. */
    public static byte[] shardedProcess(String key, String topic, int shards, String routing) {
        String shardVariables = """
                <camunda:inputOutput>
                  <camunda:inputParameter name="shardIndex">${loopCounter}</camunda:inputParameter>
                  <camunda:inputParameter name="shardTotal">${nrOfInstances}</camunda:inputParameter>
                </camunda:inputOutput>
                """;
        String loop = """
                <bpmn:multiInstanceLoopCharacteristics camunda:asyncAfter="true">
                  <bpmn:loopCardinality>%d</bpmn:loopCardinality>
                </bpmn:multiInstanceLoopCharacteristics>
                """.formatted(shards);
        return process(
                key,
                Map.of(),
                noneStart("shard")
                        + externalTask(
                                "shard",
                                topic,
                                Map.of("chronoflow.routing", routing == null ? "round-robin" : routing),
                                shardVariables,
                                loop)
                        + END);
    }

    /** A job whose timer start event fires on {@code cycle} and whose run ends at once. */
    public static byte[] timerProcess(String key, String cycle) {
        return timerProcess(key, cycle, Map.of());
    }

    /** The same, with {@code chronoflow.timezone} set on the process when {@code zone} is not null. */
    public static byte[] timerProcess(String key, String cycle, String zone) {
        return timerProcess(key, cycle, zone == null ? Map.of() : Map.of("chronoflow.timezone", zone));
    }

    /** The same, with the given {@code camunda:properties} on the process. */
    public static byte[] timerProcess(String key, String cycle, Map<String, String> properties) {
        return process(key, properties, timerStart(cycle, "end") + """
                <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
                """);
    }

    /**
     * A job firing on {@code cycle} whose runs wait at an external task of {@code topic} (nobody need serve it), with
     * {@code chronoflow.overlap} set.
     */
    public static byte[] overlappingProcess(String key, String cycle, String topic, String overlap) {
        return timerTaskProcess(key, cycle, topic, Map.of("chronoflow.overlap", overlap));
    }

    /** A job firing on {@code cycle} whose runs wait at an external task of {@code topic}, with {@code properties}. */
    public static byte[] timerTaskProcess(String key, String cycle, String topic, Map<String, String> properties) {
        return process(
                key, properties, timerStart(cycle, "work") + externalTask("work", topic, Map.of(), "", "") + END);
    }

    /** An on-demand job with {@code chronoflow.timeout} whose runs wait at an external task of {@code topic}. */
    public static byte[] timeoutProcess(String key, String topic, String timeout) {
        return process(
                key,
                Map.of("chronoflow.timeout", timeout),
                noneStart("work") + externalTask("work", topic, Map.of(), "", "") + END);
    }

    /**
     * An on-demand process: start → external task {@code work} of {@code topic} with {@code properties} → end event
     * {@code end}; an error boundary event on the task catching {@code errorCode} leads to the end event
     * {@code error-end} and keeps the error's message in the variable {@code errorMessage}.
     */
    public static byte[] errorBoundaryProcess(
            String key, String topic, Map<String, String> properties, String errorCode) {
        String boundary = """
                <bpmn:boundaryEvent id="work-failed" attachedToRef="work">
                  <bpmn:outgoing>f3</bpmn:outgoing>
                  <bpmn:errorEventDefinition errorRef="error-%1$s" camunda:errorMessageVariable="errorMessage" />
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f3" sourceRef="work-failed" targetRef="error-end" />
                <bpmn:endEvent id="error-end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
                """.formatted(errorCode);
        return process(
                key,
                Map.of(),
                noneStart("work") + externalTask("work", topic, properties, "", "") + END + boundary,
                "<bpmn:error id=\"error-%1$s\" name=\"%1$s\" errorCode=\"%1$s\" />".formatted(errorCode));
    }

    /** An on-demand process whose runs end at once, its history kept for {@code historyTimeToLive} (ISO-8601). */
    public static byte[] emptyProcess(String key, String historyTimeToLive) {
        String model = new String(process(key, Map.of(), noneStart("end") + """
                        <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
                        """), StandardCharsets.UTF_8);
        return model.replace(
                        "camunda:historyTimeToLive=\"P1D\"", "camunda:historyTimeToLive=\"" + historyTimeToLive + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Well-formed XML that the BPMN parser refuses: the sequence flow points at an element that does not exist. */
    public static byte[] invalidProcess(String key) {
        return process(key, Map.of(), """
                <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="missing" />
                """);
    }

    private static String noneStart(String target) {
        return """
                <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="%s" />
                """.formatted(target);
    }

    /** From the task (flow f2) to the end event. */
    private static final String END = """
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            """;

    private static String timerStart(String cycle, String target) {
        return """
                <bpmn:startEvent id="tick"><bpmn:outgoing>f1</bpmn:outgoing>
                  <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">%s</bpmn:timeCycle></bpmn:timerEventDefinition>
                </bpmn:startEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="tick" targetRef="%s" />
                """.formatted(cycle, target);
    }

    /**
     * An external task {@code id} (entered by flow f1) and flow f2 out of it to the end event; {@code io} goes into its
     * extension elements after the properties, {@code loop} after its flows (the schema's order).
     */
    private static String externalTask(
            String id, String topic, Map<String, String> properties, String io, String loop) {
        String extensions = properties.isEmpty() && io.isEmpty()
                ? ""
                : "<bpmn:extensionElements>" + camundaProperties(properties) + io + "</bpmn:extensionElements>";
        return """
                <bpmn:serviceTask id="%1$s" camunda:type="external" camunda:topic="%2$s">
                  %3$s
                  <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
                  %4$s
                </bpmn:serviceTask>
                <bpmn:sequenceFlow id="f2" sourceRef="%1$s" targetRef="end" />
                """.formatted(id, topic, extensions, loop);
    }

    private static String extensions(Map<String, String> properties) {
        return properties.isEmpty()
                ? ""
                : "<bpmn:extensionElements>" + camundaProperties(properties) + "</bpmn:extensionElements>";
    }

    private static String camundaProperties(Map<String, String> properties) {
        if (properties.isEmpty()) {
            return "";
        }
        StringBuilder xml = new StringBuilder("<camunda:properties>");
        new LinkedHashMap<>(properties)
                .forEach((name, value) -> xml.append("<camunda:property name=\"")
                        .append(name)
                        .append("\" value=\"")
                        .append(escaped(value))
                        .append("\" />"));
        return xml.append("</camunda:properties>").toString();
    }

    /** {@code value} as the content of an XML attribute in double quotes. */
    private static String escaped(String value) {
        return value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static byte[] process(String key, Map<String, String> properties, String body) {
        return process(key, properties, body, "");
    }

    /** {@code rootElements} (e.g. {@code bpmn:error}) go into the definitions, next to the process. */
    private static byte[] process(String key, Map<String, String> properties, String body, String rootElements) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    id="defs-%1$s" targetNamespace="http://chronoflow.io/test" exporter="Camunda Modeler" exporterVersion="5.40.0">
                  %4$s
                  <bpmn:process id="%1$s" name="Test %1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    %2$s
                    %3$s
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, extensions(properties), body, rootElements).getBytes(StandardCharsets.UTF_8);
    }
}
