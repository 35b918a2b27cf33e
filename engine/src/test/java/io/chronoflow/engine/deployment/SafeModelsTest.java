package io.chronoflow.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.camunda.bpm.engine.ParseException;
import org.junit.jupiter.api.Test;

class SafeModelsTest {

    private final SafeModels check = new SafeModels();

    @Test
    void wellFormedModelPasses() {
        assertThatCode(() -> check.check("ok.bpmn", bytes("<?xml version=\"1.0\"?><definitions xmlns=\"urn:x\"/>")))
                .doesNotThrowAnyException();
    }

    @Test
    void garbageIsAParseExceptionNamingFileLineAndColumn() {
        assertThatThrownBy(() -> check.check("garbage.bpmn", bytes("this is not xml")))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("'garbage.bpmn' is not well-formed XML at line 1, column 1");
    }

    @Test
    void doctypeIsRefusedSoNoEntityIsEverResolved() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE definitions [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <definitions xmlns="urn:x">&secret;</definitions>
                """;

        assertThatThrownBy(() -> check.check("xxe.bpmn", bytes(xxe)))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("DOCTYPE declarations are not allowed");
    }

    private static final String BPMN_OPEN = """
            <?xml version="1.0"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="urn:x"
                expressionLanguage="http://www.w3.org/1999/XPath">
            <bpmn:process id="p" isExecutable="true">
            """;
    private static final String BPMN_CLOSE = "</bpmn:process></bpmn:definitions>";

    @Test
    void scriptsAreRefusedNamingWhatWhereAndTheSwitch() {
        Map<String, String> scripts = Map.of(
                "a script task",
                        "<bpmn:scriptTask id=\"run\" scriptFormat=\"groovy\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>",
                "a camunda:script",
                        "<bpmn:task id=\"t\"><bpmn:extensionElements><camunda:executionListener event=\"start\">"
                                + "<camunda:script scriptFormat=\"javascript\">x</camunda:script></camunda:executionListener>"
                                + "</bpmn:extensionElements></bpmn:task>",
                "the script language groovy",
                        "<bpmn:sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"b\">"
                                + "<bpmn:conditionExpression language=\"groovy\">true</bpmn:conditionExpression></bpmn:sequenceFlow>");
        scripts.forEach((what, element) -> assertThatThrownBy(
                        () -> check.check("s.bpmn", bytes(BPMN_OPEN + element + BPMN_CLOSE)))
                .as(what)
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("'s.bpmn' contains")
                .hasMessageContaining(what)
                .hasMessageContaining("line ")
                .hasMessageContaining("chronoflow.security.allow-scripts=true"));
    }

    @Test
    void expressionsAndFeelAreNotScripts() {
        String juel = "<bpmn:sequenceFlow id=\"f\" sourceRef=\"a\" targetRef=\"b\">"
                + "<bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>";
        assertThatCode(() -> check.check("ok.bpmn", bytes(BPMN_OPEN + juel + BPMN_CLOSE)))
                .doesNotThrowAnyException();
        String feel = """
                <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="urn:x">
                  <decision id="x"><decisionTable><input><inputExpression expressionLanguage="feel"><text>a</text>
                  </inputExpression></input></decisionTable></decision></definitions>""";
        assertThatCode(() -> check.check("ok.dmn", bytes(feel))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check.check("js.dmn", bytes(feel.replace("\"feel\"", "\"javascript\""))))
                .hasMessageContaining("the script language javascript");
    }

    @Test
    void scriptsPassWhenAllowed() {
        String script =
                "<bpmn:scriptTask id=\"run\" scriptFormat=\"groovy\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>";
        assertThatCode(() -> new SafeModels(true).check("s.bpmn", bytes(BPMN_OPEN + script + BPMN_CLOSE)))
                .doesNotThrowAnyException();
    }

    @Test
    void onlyModelFilesAreChecked() {
        assertThat(SafeModels.isModel("a.bpmn")).isTrue();
        assertThat(SafeModels.isModel("A.BPMN20.XML")).isTrue();
        assertThat(SafeModels.isModel("rules.dmn")).isTrue();
        assertThat(SafeModels.isModel("form.html")).isFalse();
        assertThat(SafeModels.isModel("script.js")).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
