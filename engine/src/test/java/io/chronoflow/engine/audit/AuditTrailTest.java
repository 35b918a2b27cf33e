package io.chronoflow.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuditTrailTest {

    @Test
    void changesThroughEitherApiOrTheWebappsAreActionsReadsAreNot() {
        assertThat(AuditTrail.actionOf("POST", "/engine-rest/deployment/create"))
                .hasValue("deploy");
        assertThat(AuditTrail.actionOf("DELETE", "/engine-rest/deployment/abc")).hasValue("undeploy");
        assertThat(AuditTrail.actionOf("POST", "/api/v1/jobs/nightly/trigger")).hasValue("trigger");
        assertThat(AuditTrail.actionOf("PUT", "/engine-rest/process-definition/key/nightly/suspended"))
                .hasValue("suspend-or-activate");
        assertThat(AuditTrail.actionOf("PUT", "/camunda/api/engine/engine/default/process-definition/abc/suspended"))
                .as("Cockpit's own API")
                .hasValue("suspend-or-activate");
        assertThat(AuditTrail.actionOf("PUT", "/engine-rest/job/j1/retries")).hasValue("retry");
        assertThat(AuditTrail.actionOf("POST", "/engine-rest/user/create")).hasValue("manage-users");
        assertThat(AuditTrail.actionOf("DELETE", "/api/v1/worker-tokens/w1")).hasValue("manage-worker-tokens");
        assertThat(AuditTrail.actionOf("GET", "/engine-rest/deployment")).isEqualTo(Optional.empty());
        assertThat(AuditTrail.actionOf("GET", "/api/v1/users")).isEqualTo(Optional.empty());
        assertThat(AuditTrail.actionOf("POST", "/engine-rest/external-task/fetchAndLock"))
                .isEqualTo(Optional.empty());
    }
}
