package io.chronoflow.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One run of the harness: starts what the chosen scenarios and systems need, runs the scenarios, stops everything.
 *
 * <p>A full run measures one thing at a time: drains, db-scheduler's items, steady rates, the idle wait, then the
 * scenarios on a fleet of Chronoflow workers (sharded, dispatch, Chronoflow's items) and memory last (its timers stay
 * scheduled).
 *
 * <p>A quick run (under 5 minutes on 2 cores) fills the waits: it creates Chronoflow's drain jobs first, then lets every
 * system idle while the worker fleet starts (its workers then long-poll Chronoflow's first node, as idle workers would)
 * and the peers drain and db-scheduler writes its items (other databases, other scheduler instances); the fleet then
 * serves the sharded, dispatch and items scenarios and finally Chronoflow's one drain; the steady rate of 10 fires/s runs on all systems side by side, 100
 * fires/s one system at a time, and camunda-defaults' fires (which may wait out its back-off) come in while the memory
 * scenario runs. The vanilla-Camunda peers' engines boot beside Chronoflow's at the start and create their drain jobs
 * as soon as they are up (while the harness waits anyway); they drain after the other peers.
 */
final class Run {

    static final int NODES = 2;
    static final int IDLE_FIRES = 3;
    /**
     * A quick run holds steady rates below this on all systems side by side (at 10 fires/s the four fire 40/s in all, a
     * light load), higher ones one system at a time: at 100/s side by side Quartz's lag went from milliseconds to 0.8 s
     * and Chronoflow's p99 to 180 ms, mostly because camunda-defaults falls behind and works off its backlog meanwhile.
     */
    static final int SIDE_BY_SIDE_BELOW = 100;
    /** Runs each background step on a thread of its own (the common pool has one thread on a 2-core machine). */
    private static final Executor OWN_THREAD = step -> new Thread(step, "bench-step").start();

    private final Options options;
    private final Progress progress;
    private final Results results;
    private final Lineup lineup;
    private final DrainScenario drain;
    private final TimerLagScenario lag;
    private final ItemsScenario items;

    Run(Options options, Progress progress, Results results, Lineup lineup) {
        this.options = options;
        this.progress = progress;
        this.results = results;
        this.lineup = lineup;
        this.drain = new DrainScenario(new DatabaseStats(options), progress);
        this.lag = new TimerLagScenario(progress);
        this.items = new ItemsScenario(new DatabaseStats(options), progress);
    }

    void all() {
        CompletableFuture<EngineCluster> chronoflowStart =
                startIf(options.includes(SystemId.CHRONOFLOW), Variant.CHRONOFLOW, NODES);
        CompletableFuture<EngineCluster> defaultsStart = startIf(
                options.includes(SystemId.DEFAULTS) && timers(), Variant.CAMUNDA_DEFAULTS, options.defaultsNodes());
        List<CompletableFuture<CamundaDrain>> camunda = options.quick() ? prepareCamunda() : List.of();
        EngineCluster chronoflow = chronoflowStart.join();
        EngineCluster defaults = defaultsStart.join();
        if (options.quick()) {
            quick(chronoflow, defaults, camunda);
        } else {
            full(chronoflow, defaults);
        }
    }

    private boolean timers() {
        return options.runs("steady") || options.runs("idle");
    }

    private void full(EngineCluster chronoflow, EngineCluster defaults) {
        if (options.runs("drain")) {
            drain("chronoflow", chronoflowDrains(chronoflow));
            drain("peers", peerDrains(camundaDrains(List.of())));
        }
        peerItems();
        if (timers()) {
            List<TimerTarget> targets = timerTargets(chronoflow, defaults);
            for (int rep = 1; rep <= options.repeat() && options.runs("steady"); rep++) {
                progress.say("steady: repetition %d of %d", rep, options.repeat());
                for (int rate : options.steadyRates()) {
                    targets.forEach(t -> results.add(lag.steady(t, rate, options.steadyWindow(rate))));
                }
            }
            if (options.runs("idle")) {
                idle(targets).results().forEach(results::add);
            }
        }
        if (chronoflow != null && FleetScenarios.needed(options)) {
            FleetScenarios fleet = new FleetScenarios(chronoflow, options, progress, results);
            fleet.run(lineup.add(fleet.start()), null, drain);
        }
        memory(chronoflow);
    }

    private void quick(
            EngineCluster chronoflow, EngineCluster defaults, List<CompletableFuture<CamundaDrain>> camunda) {
        ChronoflowDrain chronoflowDrain = null;
        if (chronoflow != null && options.runs("drain")) {
            chronoflowDrain = lineup.add(
                            new ChronoflowDrain(chronoflow, ChronoflowDrain.Shape.QUICK, options, progress))
                    .prepare(options.chronoflowDrainJobs());
        }
        List<TimerTarget> targets = timers() ? timerTargets(chronoflow, defaults) : List.of();
        TimerLagScenario.Fires idle = options.runs("idle") ? idle(targets) : null;
        FleetScenarios fleet = chronoflow != null && FleetScenarios.needed(options)
                ? new FleetScenarios(chronoflow, options, progress, results)
                : null;
        WorkerFleet workers = fleet == null ? null : lineup.add(fleet.start());
        if (options.runs("drain")) {
            drain(
                    "peers",
                    peerDrains(camundaDrains(
                            camunda.stream().map(CompletableFuture::join).toList())));
        }
        peerItems();
        if (idle != null) {
            // Only Chronoflow must be done idling before the fleet's scenarios run on it; the others (Camunda's
            // defaults may fire up to a minute late) go on waiting meanwhile.
            idle.await(target -> target == chronoflow);
        }
        if (fleet != null) {
            fleet.run(workers, chronoflowDrain, drain);
        }
        if (idle != null) {
            idle.results().forEach(results::add);
        }
        if (options.runs("steady")) {
            quickSteady(targets, defaults, () -> memory(chronoflow));
        } else {
            memory(chronoflow);
        }
    }

    /**
     * Rates below {@value #SIDE_BY_SIDE_BELOW} on all systems side by side, higher ones one system at a time; but
     * camunda-defaults, whose fires may wait out its back-off (up to a minute after it last found a job), is only waited
     * for at the end: its one-at-a-time timers are created once the others are done, then {@code meanwhile} runs (it
     * must not touch camunda-defaults), then its fires are collected.
     */
    private void quickSteady(List<TimerTarget> targets, EngineCluster defaults, Runnable meanwhile) {
        List<TimerLagScenario.Fires> pending = new ArrayList<>();
        List<TimerLagScenario.Result> done = new ArrayList<>();
        for (int rate : options.steadyRates()) {
            if (rate < SIDE_BY_SIDE_BELOW) {
                pending.add(lag.steady(targets, rate, options.steadyWindow(rate)));
            }
        }
        pending.forEach(fires -> fires.await(target -> target != defaults));
        for (int rate : options.steadyRates()) {
            for (TimerTarget target : targets) {
                if (rate >= SIDE_BY_SIDE_BELOW && target != defaults) {
                    done.add(lag.steady(target, rate, options.steadyWindow(rate)));
                }
            }
        }
        for (int rate : options.steadyRates()) {
            if (rate >= SIDE_BY_SIDE_BELOW && defaults != null) {
                pending.add(lag.steady(List.of(defaults), rate, options.steadyWindow(rate)));
            }
        }
        meanwhile.run();
        pending.forEach(fires -> done.addAll(fires.results()));
        // In the order of a full run: rate by rate, system by system.
        done.sort(Comparator.comparing((TimerLagScenario.Result r) -> rateOf(r.scenario()))
                .thenComparing(r -> Options.SYSTEMS.indexOf(r.system())));
        done.forEach(results::add);
    }

    private static int rateOf(String steadyScenario) {
        return Integer.parseInt(steadyScenario.replaceAll("\\D", ""));
    }

    /** Starts the engine nodes of a variant in the background (both variants boot at once, before any measuring). */
    private CompletableFuture<EngineCluster> startIf(boolean wanted, Variant variant, int nodes) {
        if (!wanted) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    EngineCluster cluster = lineup.add(EngineCluster.start(variant, options, nodes, progress));
                    if (variant == Variant.CHRONOFLOW) {
                        cluster.deploy(models());
                        cluster.deploy(ChronoflowDrain.MODEL, ChronoflowDrain.model(options.drainHistory()));
                    } else {
                        cluster.deploy(EngineCluster.TIMER_MODEL);
                    }
                    return cluster;
                },
                OWN_THREAD);
    }

    private static List<String> models() {
        return List.of(
                EngineCluster.TIMER_MODEL,
                DispatchScenario.MODEL,
                ShardedScenario.MODEL,
                ChronoflowItems.MODEL,
                MemoryScenario.MODEL);
    }

    private List<Supplier<DrainTarget>> chronoflowDrains(EngineCluster chronoflow) {
        if (chronoflow == null) {
            return List.of();
        }
        return options.drainShapes().stream()
                .<Supplier<DrainTarget>>map(shape -> () -> new ChronoflowDrain(chronoflow, shape, options, progress))
                .toList();
    }

    /**
     * A quick run's vanilla-Camunda drains, each booting its engine in the background at once and creating its jobs as
     * soon as it is up.
     */
    private List<CompletableFuture<CamundaDrain>> prepareCamunda() {
        if (!options.runs("drain")) {
            return List.of();
        }
        return camundaTunings().stream()
                .map(tuning -> CompletableFuture.supplyAsync(
                        () -> lineup.add(CamundaDrain.start(tuning, options, progress))
                                .prepare(options.camundaDrainJobs()),
                        OWN_THREAD))
                .toList();
    }

    private List<CamundaTuning> camundaTunings() {
        return List.of(CamundaTuning.values()).stream()
                .filter(t -> options.includes(t.system()))
                .toList();
    }

    /**
     * The vanilla-Camunda drains: the {@code prepared} ones first (a quick run's), after that and for every other
     * repetition each booting its engine afresh on a new database.
     */
    private List<Supplier<DrainTarget>> camundaDrains(List<CamundaDrain> prepared) {
        List<Supplier<DrainTarget>> targets = new ArrayList<>();
        for (CamundaTuning tuning : camundaTunings()) {
            AtomicReference<CamundaDrain> ready = new AtomicReference<>(prepared.stream()
                    .filter(d -> d.system().equals(tuning.system()))
                    .findFirst()
                    .orElse(null));
            targets.add(() -> {
                CamundaDrain drain = ready.getAndSet(null);
                return drain != null ? drain : lineup.add(CamundaDrain.start(tuning, options, progress));
            });
        }
        return targets;
    }

    /** The in-process peers' drains, then {@code more}. */
    private List<Supplier<DrainTarget>> peerDrains(List<Supplier<DrainTarget>> more) {
        List<Supplier<DrainTarget>> targets = new ArrayList<>();
        if (options.includes(SystemId.RAW_SQL)) {
            targets.add(() -> new RawSqlQueue(options));
        }
        if (options.includes(SystemId.DB_SCHEDULER)) {
            targets.add(() -> DbSchedulerPeer.forDrain(options));
        }
        if (options.includes(SystemId.QUARTZ)) {
            targets.add(() -> QuartzPeer.forDrain(options));
        }
        targets.addAll(more);
        return targets;
    }

    private void drain(String which, List<Supplier<DrainTarget>> targets) {
        for (int rep = 1; rep <= options.repeat() && !targets.isEmpty(); rep++) {
            progress.say("drain, %s: repetition %d of %d", which, rep, options.repeat());
            for (Supplier<DrainTarget> supplier : targets) {
                try (DrainTarget target = supplier.get()) {
                    results.add(target.label(), target.system(), drain.run(target, options.drainJobs(target.system())));
                }
            }
        }
    }

    /** db-scheduler's side of the items scenario, in the harness's JVM (Chronoflow's runs on the worker fleet). */
    private void peerItems() {
        for (int rep = 1;
                rep <= options.repeat() && options.runs("items") && options.includes(SystemId.DB_SCHEDULER);
                rep++) {
            try (DbSchedulerItems target = new DbSchedulerItems(options)) {
                results.add(items.run(target, options.itemCount()));
            }
        }
    }

    private List<TimerTarget> timerTargets(EngineCluster chronoflow, EngineCluster defaults) {
        List<TimerTarget> targets = new ArrayList<>();
        if (options.includes(SystemId.DB_SCHEDULER)) {
            targets.add(lineup.add(DbSchedulerPeer.forTimers(options)));
        }
        if (options.includes(SystemId.QUARTZ)) {
            targets.add(lineup.add(QuartzPeer.forTimers(options)));
        }
        if (chronoflow != null) {
            targets.add(chronoflow);
        }
        if (defaults != null) {
            targets.add(defaults);
        }
        return targets;
    }

    private TimerLagScenario.Fires idle(List<TimerTarget> targets) {
        return lag.idle(targets, options.idlePeriod(), IDLE_FIRES, options.idleSpacing());
    }

    private void memory(EngineCluster chronoflow) {
        if (chronoflow != null && options.runs("memory")) {
            new MemoryScenario(chronoflow, progress).run(options.memoryTimers()).forEach(results::add);
        }
    }
}
