package io.chronoflow.engine.support;

import java.nio.charset.StandardCharsets;
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
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    id="defs-%1$s" targetNamespace="http://chronoflow.io/test" exporter="Camunda Modeler" exporterVersion="5.40.0">
                  <bpmn:process id="%1$s" name="Test %1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work" />
                    <bpmn:serviceTask id="work" camunda:type="external" camunda:topic="%2$s">
                      %3$s
                      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end" />
                    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, topic, routingProperty(routing)).getBytes(StandardCharsets.UTF_8);
    }

    private static String processProperties(Map<String, String> properties) {
        if (properties.isEmpty()) {
            return "";
        }
        StringBuilder xml = new StringBuilder("<bpmn:extensionElements><camunda:properties>");
        properties.forEach((name, value) -> xml.append("<camunda:property name=\"")
                .append(name)
                .append("\" value=\"")
                .append(value)
                .append("\" />"));
        return xml.append("</camunda:properties></bpmn:extensionElements>").toString();
    }

    private static String routingProperty(String routing) {
        return routing == null
                ? ""
                : "<bpmn:extensionElements><camunda:properties><camunda:property name=\"chronoflow.routing\" value=\""
                        + routing + "\" /></camunda:properties></bpmn:extensionElements>";
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
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    id="defs-%1$s" targetNamespace="http://chronoflow.io/test">
                  <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="shard" />
                    <bpmn:serviceTask id="shard" camunda:type="external" camunda:topic="%2$s">
                      <bpmn:extensionElements>
                        <camunda:properties>
                          <camunda:property name="chronoflow.routing" value="%4$s" />
                        </camunda:properties>
                        <camunda:inputOutput>
                          <camunda:inputParameter name="shardIndex">${loopCounter}</camunda:inputParameter>
                          <camunda:inputParameter name="shardTotal">${nrOfInstances}</camunda:inputParameter>
                        </camunda:inputOutput>
                      </bpmn:extensionElements>
                      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
                      <bpmn:multiInstanceLoopCharacteristics camunda:asyncAfter="true">
                        <bpmn:loopCardinality>%3$d</bpmn:loopCardinality>
                      </bpmn:multiInstanceLoopCharacteristics>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="shard" targetRef="end" />
                    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, topic, shards, routing == null ? "round-robin" : routing)
                .getBytes(StandardCharsets.UTF_8);
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
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    id="defs-%1$s" targetNamespace="http://chronoflow.io/test">
                  <bpmn:process id="%1$s" name="Timer %1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    %3$s
                    <bpmn:startEvent id="tick"><bpmn:outgoing>f1</bpmn:outgoing>
                      <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">%2$s</bpmn:timeCycle></bpmn:timerEventDefinition>
                    </bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="tick" targetRef="end" />
                    <bpmn:endEvent id="end"><bpmn:incoming>f1</bpmn:incoming></bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, cycle, processProperties(properties)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A job firing on {@code cycle} whose runs wait at an external task of {@code topic} (nobody need serve it), with
     * {@code chronoflow.overlap} set.
     */
    public static byte[] overlappingProcess(String key, String cycle, String topic, String overlap) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    id="defs-%1$s" targetNamespace="http://chronoflow.io/test">
                  <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:extensionElements><camunda:properties>
                      <camunda:property name="chronoflow.overlap" value="%4$s" />
                    </camunda:properties></bpmn:extensionElements>
                    <bpmn:startEvent id="tick"><bpmn:outgoing>f1</bpmn:outgoing>
                      <bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">%2$s</bpmn:timeCycle></bpmn:timerEventDefinition>
                    </bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="tick" targetRef="slow" />
                    <bpmn:serviceTask id="slow" camunda:type="external" camunda:topic="%3$s">
                      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
                    </bpmn:serviceTask>
                    <bpmn:sequenceFlow id="f2" sourceRef="slow" targetRef="end" />
                    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, cycle, topic, overlap).getBytes(StandardCharsets.UTF_8);
    }

    /** An on-demand job with {@code chronoflow.timeout} whose runs wait at an external task of {@code topic}. */
    public static byte[] timeoutProcess(String key, String topic, String timeout) {
        return new String(externalTaskProcess(key, topic), StandardCharsets.UTF_8)
                .replace(
                        "camunda:historyTimeToLive=\"P1D\">",
                        "camunda:historyTimeToLive=\"P1D\"><bpmn:extensionElements><camunda:properties>"
                                + "<camunda:property name=\"chronoflow.timeout\" value=\"" + timeout + "\" />"
                                + "</camunda:properties></bpmn:extensionElements>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Well-formed XML that the BPMN parser refuses: the sequence flow points at an element that does not exist. */
    public static byte[] invalidProcess(String key) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    id="defs-%1$s" targetNamespace="http://chronoflow.io/test">
                  <bpmn:process id="%1$s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="missing" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key).getBytes(StandardCharsets.UTF_8);
    }
}
