package io.chronoflow.engine.metrics;

import io.chronoflow.worker.registry.WorkerDirectory;
import io.chronoflow.worker.registry.WorkerRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges of the shared state, refreshed every 15 s: {@code chronoflow_external_tasks_open{topic}} and {@code
 * chronoflow_incidents_open{job}} from the engine database, {@code chronoflow_workers_live{topic}} from the worker
 * registry. Every engine node reports the same values: aggregate them with {@code max}, not {@code sum}.
 */
@Component
public class EngineGauges {

    private static final Logger log = LoggerFactory.getLogger(EngineGauges.class);

    private final JdbcTemplate jdbc;
    private final WorkerDirectory workers;
    private final MultiGauge openTasks;
    private final MultiGauge openIncidents;
    private final MultiGauge liveWorkers;

    public EngineGauges(JdbcTemplate jdbc, WorkerDirectory workers, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.workers = workers;
        this.openTasks = MultiGauge.builder("chronoflow.external.tasks.open")
                .description("External tasks waiting or locked, by topic")
                .register(meters);
        this.openIncidents = MultiGauge.builder("chronoflow.incidents.open")
                .description("Open incidents, by job")
                .register(meters);
        this.liveWorkers = MultiGauge.builder("chronoflow.workers.live")
                .description("Workers with a live registry entry, by topic they serve")
                .register(meters);
        refresh();
    }

    @Scheduled(fixedDelayString = "PT15S", initialDelayString = "PT15S")
    public void refresh() {
        try {
            openTasks.register(
                    rows(
                            "topic",
                            jdbc.queryForList(
                                    "SELECT TOPIC_NAME_ AS k, COUNT(*) AS n FROM ACT_RU_EXT_TASK GROUP BY TOPIC_NAME_")),
                    true);
            openIncidents.register(
                    rows(
                            "job_key",
                            jdbc.queryForList(
                                    "SELECT d.KEY_ AS k, COUNT(*) AS n FROM ACT_RU_INCIDENT i JOIN ACT_RE_PROCDEF d"
                                            + " ON d.ID_ = i.PROC_DEF_ID_ GROUP BY d.KEY_")),
                    true);
        } catch (RuntimeException e) {
            log.debug("engine gauges not refreshed: {}", e.toString());
        }
        try {
            Map<String, Integer> byTopic = new HashMap<>();
            for (WorkerRecord worker : workers.live()) {
                worker.topics().forEach(topic -> byTopic.merge(topic, 1, Integer::sum));
            }
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            byTopic.forEach((topic, n) -> rows.add(MultiGauge.Row.of(Tags.of("topic", topic), n)));
            liveWorkers.register(rows, true);
        } catch (RuntimeException e) {
            log.debug("live-worker gauge not refreshed: {}", e.toString());
        }
    }

    /** Rows of (k, n) as gauge rows tagged {@code tag=k}; the JDBC maps ignore the column names' case. */
    private static List<MultiGauge.Row<?>> rows(String tag, List<Map<String, Object>> counts) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (Map<String, Object> count : counts) {
            Object key = count.get("k");
            rows.add(MultiGauge.Row.of(
                    Tags.of(tag, key == null ? "unknown" : key.toString()), ((Number) count.get("n")).doubleValue()));
        }
        return rows;
    }
}
