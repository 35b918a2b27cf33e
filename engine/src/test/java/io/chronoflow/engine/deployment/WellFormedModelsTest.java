package io.chronoflow.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ParseException;
import org.junit.jupiter.api.Test;

class WellFormedModelsTest {

    private final WellFormedModels check = new WellFormedModels();

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

    @Test
    void onlyModelFilesAreChecked() {
        assertThat(WellFormedModels.isModel("a.bpmn")).isTrue();
        assertThat(WellFormedModels.isModel("A.BPMN20.XML")).isTrue();
        assertThat(WellFormedModels.isModel("rules.dmn")).isTrue();
        assertThat(WellFormedModels.isModel("form.html")).isFalse();
        assertThat(WellFormedModels.isModel("script.js")).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
