package io.chronoflow.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.chronoflow.engine.support.EngineIntegrationTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jobs console's files are served by the engine, without credentials, under a strict Content-Security-Policy, with
 * bpmn-js from the build (nothing from the internet); its data stays behind credentials.
 */
class ConsoleShellIT extends EngineIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/console"})
    void theRootLeadsToTheConsole(String path) {
        HttpResponse<String> response = anonymous().get(path);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));
    }

    @Test
    void theConsolePageIsPublicAndMayRunOnlyTheEnginesOwnScripts() {
        HttpResponse<String> page = anonymous().get("/console/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp ->
                        assertThat(csp).contains("script-src 'self';", "connect-src 'self'", "frame-ancestors 'none'"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/console/js/app.js",
                "/console/js/job.js",
                "/console/console.css",
                "/console/vendor/bpmn-navigated-viewer.production.min.js",
                "/console/vendor/diagram-js.css",
                "/console/vendor/bpmn-js.css"
            })
    void itsFilesAndTheBundledDiagramViewerAreServed(String path) {
        HttpResponse<String> response = anonymous().get(path);

        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.body()).isNotBlank();
    }

    @Test
    void theCamundaWebappsStayWhereTheyWereWithoutTheConsolePolicy() {
        HttpResponse<String> cockpit = anonymous().get("/camunda/app/cockpit/default/");

        assertThat(cockpit.statusCode()).isEqualTo(200);
        assertThat(cockpit.headers().allValues("Content-Security-Policy"))
                .noneSatisfy(csp -> assertThat(csp).isEqualTo(ConsoleConfiguration.CONTENT_SECURITY_POLICY));
    }

    @Test
    void theDataBehindTheConsoleNeedsCredentials() {
        assertThat(anonymous().get("/api/v1/jobs").statusCode()).isEqualTo(401);
        assertThat(anonymous().get("/api/v1/me").statusCode()).isEqualTo(401);
    }
}
