package io.chronoflow.engine.security;

/** The Spring Security authorities Chronoflow grants. */
public final class Roles {

    /** A person (or script) known to the engine's identity service. */
    public static final String USER = "USER";

    /** A worker: may only fetch, complete, fail and extend external tasks. */
    public static final String WORKER = "WORKER";

    /** Prefix of the authorities that carry the engine group ids of a user. */
    public static final String GROUP_PREFIX = "GROUP_";

    private Roles() {}
}
