package io.chronoflow.engine.dispatch;

import io.chronoflow.engine.config.OptionValue;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** The routing strategies a job selects with its {@code chronoflow.routing} property. */
public enum Routing {
    ROUND_ROBIN("round-robin", RoundRobin::new),
    RANDOM("random", () -> new RandomRoute(RandomGenerator.getDefault())),
    WEIGHTED_ROUND_ROBIN("weighted-round-robin", WeightedRoundRobin::new),
    CONSISTENT_HASH("consistent-hash", ConsistentHash::new),
    LEAST_LOADED("least-loaded", LeastLoaded::new),
    FAILOVER("failover", Failover::new),
    BROADCAST("broadcast", Broadcast::new);

    /** The default when a job names none. */
    public static final Routing DEFAULT = ROUND_ROBIN;

    private final String id;
    private final Supplier<Route> factory;

    Routing(String id, Supplier<Route> factory) {
        this.id = id;
        this.factory = factory;
    }

    public String id() {
        return id;
    }

    /** A new route with its own state (turns, scores, ring). */
    public Route newRoute() {
        return factory.get();
    }

    /** The strategy named by a {@code chronoflow.routing} value; unknown names are refused naming the valid ones. */
    public static Routing of(String value) {
        return OptionValue.of(Routing.class, Routing::id, "chronoflow.routing", value, DEFAULT);
    }
}
