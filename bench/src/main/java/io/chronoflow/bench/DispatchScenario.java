package io.chronoflow.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Dispatch: how soon after an external task is created a waiting worker's handler starts. Instances of {@code
 * bench-dispatch} (start, then the built-in HTTP task calling the harness's {@link DispatchProbe}) are started at a
 * modest rate, alternately through the engine node the workers long-poll ({@value #SAME}) and through the other node
 * ({@value #OTHER}, which the workers' node learns of from the database). Created: the start time of the task's activity
 * in the engine's history (written in the transaction that creates the task). Handler starts: when the probe received
 * the handler's call. Completed: the end time of the activity in the history, for comparison.
 */
final class DispatchScenario {

    static final String MODEL = "bench-dispatch.bpmn";
    static final String PROCESS = "bench-dispatch";
    /** The engine node (0-based) the scenario's workers long-poll. */
    static final int WORKER_NODE = 0;

    static final String SAME = "same node";
    static final String OTHER = "other node";
    private static final String ACTIVITY = "call";
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final EngineCluster cluster;
    private final Options options;
    private final Progress progress;

    DispatchScenario(EngineCluster cluster, Options options, Progress progress) {
        if (cluster.size() < 2) {
            throw new IllegalArgumentException("the dispatch scenario needs two engine nodes");
        }
        this.cluster = cluster;
        this.options = options;
        this.progress = progress;
    }

    static String handlerStarts(String path) {
        return "dispatch, " + path + ": created → handler starts";
    }

    static String completed(String path) {
        return "dispatch, " + path + ": created → completed";
    }

    /** One run: per path, the lags of handler starts and of completions, in that order. */
    List<TimerLagScenario.Result> run(int repetition) {
        int count = (int) (options.dispatchRate() * options.dispatchWindow().toSeconds());
        String run = "d" + repetition + "-";
        progress.say(
                "%s: dispatch: %d instances at %d/s, alternately through the workers' node and the other",
                cluster.system(), count, options.dispatchRate());
        try (DispatchProbe probe = new DispatchProbe()) {
            startPaced(run, count, probe.port());
            Instant deadline = Instant.now().plus(GRACE);
            while (probe.arrived(run) < count && Instant.now().isBefore(deadline)) {
                DrainScenario.pause(Duration.ofMillis(200));
            }
            List<Row> rows = awaitHistory(run, count, deadline);
            List<TimerLagScenario.Result> results = new ArrayList<>();
            for (String path : List.of(SAME, OTHER)) {
                List<Long> started = new ArrayList<>();
                List<Long> done = new ArrayList<>();
                for (Row row : rows) {
                    if (!row.path().equals(path)) {
                        continue;
                    }
                    Instant arrival = probe.arrival(row.businessKey());
                    if (arrival != null) {
                        started.add(Math.max(0, arrival.toEpochMilli() - row.created()));
                    }
                    if (row.ended() > 0) {
                        done.add(Math.max(0, row.ended() - row.created()));
                    }
                }
                int expected = (count + (path.equals(SAME) ? 1 : 0)) / 2;
                results.add(result(handlerStarts(path), expected, started));
                results.add(result(completed(path), expected, done));
            }
            return results;
        }
    }

    private TimerLagScenario.Result result(String scenario, int expected, List<Long> lags) {
        TimerLagScenario.Result result =
                new TimerLagScenario.Result(scenario, SystemId.CHRONOFLOW, expected, 0, LagStats.of(lags));
        progress.say("%s: %s", cluster.system(), result.summary());
        return result;
    }

    /** Starts instance {@code i} at {@code i / rate} seconds, even ones through the workers' node, odd ones not. */
    private void startPaced(String run, int count, int probePort) {
        try (CallPool calls = new CallPool(4)) {
            long begin = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = begin + i * 1_000_000_000L / options.dispatchRate();
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    DrainScenario.pause(Duration.ofNanos(wait));
                }
                int node = i % 2 == 0 ? WORKER_NODE : 1 - WORKER_NODE;
                ObjectNode body = body(run + i, probePort);
                calls.submit(() -> cluster.start(node, PROCESS, body));
            }
            calls.awaitAll(cluster.system() + ": starting dispatch instances");
        }
    }

    private static ObjectNode body(String businessKey, int probePort) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("businessKey", businessKey);
        ObjectNode variables = body.putObject("variables");
        ObjectNode port = variables.putObject("probePort");
        port.put("value", probePort);
        port.put("type", "Integer");
        ObjectNode id = variables.putObject("probeId");
        id.put("value", businessKey);
        id.put("type", "String");
        return body;
    }

    /** One task: its business key, the path it took, when it was created and when completed (0: not yet), ms. */
    private record Row(String businessKey, String path, long created, long ended) {}

    /** The tasks of {@code run} from the history, waiting (until {@code deadline}) for all to be completed. */
    private List<Row> awaitHistory(String run, int count, Instant deadline) {
        List<Row> rows = history(run);
        while (rows.stream().filter(r -> r.ended() > 0).count() < count
                && Instant.now().isBefore(deadline)) {
            DrainScenario.pause(Duration.ofMillis(200));
            rows = history(run);
        }
        return rows;
    }

    private List<Row> history(String run) {
        return cluster.query("reading the engine's history", c -> {
            try (PreparedStatement query = c.prepareStatement("select p.business_key_, a.start_time_, a.end_time_"
                    + " from act_hi_actinst a join act_hi_procinst p on p.proc_inst_id_ = a.proc_inst_id_"
                    + " where a.act_id_ = ? and p.business_key_ like ?")) {
                query.setString(1, ACTIVITY);
                query.setString(2, run + "%");
                List<Row> rows = new ArrayList<>();
                try (ResultSet r = query.executeQuery()) {
                    while (r.next()) {
                        String key = r.getString(1);
                        int i = Integer.parseInt(key.substring(run.length()));
                        rows.add(new Row(
                                key,
                                i % 2 == 0 ? SAME : OTHER,
                                r.getTimestamp(2).getTime(),
                                r.getTimestamp(3) == null
                                        ? 0
                                        : r.getTimestamp(3).getTime()));
                    }
                }
                return rows;
            }
        });
    }
}
