package io.chronoflow.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;

class ModelSourceTest {

    @TempDir
    Path dir;

    @Test
    void configuredFolderYieldsItsModelsSortedAndNothingElse() throws Exception {
        Files.writeString(dir.resolve("b.bpmn"), "<b/>");
        Files.writeString(dir.resolve("a.dmn"), "<a/>");
        Files.writeString(dir.resolve("notes.md"), "not a model");
        Files.createDirectories(dir.resolve("element-templates"));
        Files.writeString(dir.resolve("element-templates").resolve("t.json"), "{}");

        ModelSource source = ModelSource.resolve(dir, Path.of("/nonexistent"));

        assertThat(source.resources()).extracting(Resource::getFilename).containsExactly("a.dmn", "b.bpmn");
        assertThat(source.description()).contains(dir.toString());
    }

    @Test
    void missingConfiguredFolderStopsTheStartWithTheSettingNamed() {
        assertThatThrownBy(() -> ModelSource.resolve(dir.resolve("missing"), dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CHRONOFLOW_BPMN_DIR");
    }

    @Test
    void bpmnFolderInTheWorkingDirectoryIsUsedWhenNothingIsConfigured() throws Exception {
        Files.createDirectories(dir.resolve("bpmn"));
        Files.writeString(dir.resolve("bpmn").resolve("local.bpmn"), "<x/>");

        ModelSource source = ModelSource.resolve(null, dir);

        assertThat(source.resources()).extracting(Resource::getFilename).containsExactly("local.bpmn");
    }

    @Test
    void withoutAFolderThePackagedModelsAreUsed() {
        ModelSource source = ModelSource.resolve(null, dir);

        assertThat(source.description()).isEqualTo("packaged models");
        assertThat(source.resources()).extracting(Resource::getFilename).contains("heartbeat-report.bpmn");
    }
}
