package io.chronoflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.testkit.CommandLineTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Modeler element templates in bpmn/element-templates validate against the published Camunda 7 element-templates
 * JSON schema (npm package {@code @camunda/element-templates-json-schema}, pinned in tools/template-check with its
 * validator, installed by {@code npm ci} from the lock file), and a broken template does not.
 */
class ElementTemplatesTest {

    private static final Path CHECK =
            Path.of("..", "tools", "template-check").toAbsolutePath().normalize();
    private static final Path TEMPLATES =
            Path.of("..", "bpmn", "element-templates").toAbsolutePath().normalize();
    private static final CommandLineTool NODE = new CommandLineTool("node", "nodejs");

    @TempDir
    Path dir;

    @BeforeAll
    static void installTheSchemaAndValidator() {
        CommandLineTool.Result install =
                new CommandLineTool("npm", "npm").run(CHECK, "ci", "--no-audit", "--no-fund", "--loglevel=error");
        assertThat(install.exitCode()).as(install.output()).isZero();
    }

    @Test
    void everyTemplateMatchesTheSchema() throws IOException {
        CommandLineTool.Result check = NODE.run(CHECK, "validate.mjs", TEMPLATES.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        try (var files = Files.list(TEMPLATES)) {
            long templates = files.filter(f -> f.toString().endsWith(".json")).count();
            assertThat(check.output().lines().filter(line -> line.startsWith("valid: ")))
                    .hasSize((int) templates)
                    .isNotEmpty();
        }
    }

    @Test
    void aTemplateWithAnUnknownBindingFails() throws IOException {
        String template = Files.readString(TEMPLATES.resolve("http-task.json"));
        Files.writeString(
                dir.resolve("broken.json"),
                template.replaceFirst("\"type\": \"camunda:property\"", "\"type\": \"camunda:nonsense\""));

        CommandLineTool.Result check = NODE.run(CHECK, "validate.mjs", dir.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.output()).contains("INVALID: broken.json", "binding/type");
    }
}
