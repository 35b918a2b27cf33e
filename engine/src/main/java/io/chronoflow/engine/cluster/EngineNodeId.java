package io.chronoflow.engine.cluster;

import io.chronoflow.worker.internal.Host;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** This engine node's id in the cluster: host, process id and a random suffix, unique per start. */
@Component
public class EngineNodeId {

    private final String value = Host.NAME + "-" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 4);

    public String value() {
        return value;
    }
}
