package io.chronoflow.engine.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.authorization.Groups;

/**
 * Chronoflow's roles and how they map: each role is an engine group (so the engine's authorizations, the Camunda
 * webapps and {@code /engine-rest} enforce it) and a Spring Security authority (so {@code /api/v1} does). An admin is
 * also an operator, an operator also a viewer.
 */
public enum Roles {
    /** Deploys, manages users and worker tokens, reads the audit log; everything an operator may do. */
    ADMIN("admin", Groups.CAMUNDA_ADMIN),
    /** Pauses, resumes and triggers jobs, retries and resolves incidents; everything a viewer may do. */
    OPERATOR("operator", "operator"),
    /** Reads jobs, runs, workers, metrics, history. */
    VIEWER("viewer", "viewer");

    /** The authority of every authenticated engine user (a person or a script), whatever its role. */
    public static final String USER = "USER";

    /** A worker: may only fetch, complete, fail and extend external tasks. */
    public static final String WORKER = "WORKER";

    /** The engine group whose members are worker credentials, not people. */
    public static final String WORKER_GROUP = "workers";

    /** Prefix of the authorities that carry the engine group ids of a user. */
    public static final String GROUP_PREFIX = "GROUP_";

    /** Spring Security's role hierarchy for these roles. */
    public static final String HIERARCHY = "ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_VIEWER";

    private final String id;
    private final String group;

    Roles(String id, String group) {
        this.id = id;
        this.group = group;
    }

    /** The role's name in the API and configuration. */
    public String id() {
        return id;
    }

    /** The engine group that carries the role. */
    public String group() {
        return group;
    }

    /** The Spring Security role name ({@code hasRole}). */
    public String role() {
        return name();
    }

    public static Optional<Roles> ofGroup(String groupId) {
        return Arrays.stream(values()).filter(r -> r.group.equals(groupId)).findFirst();
    }

    /** The role named {@code id} ({@code admin}, {@code operator}, {@code viewer}); others are refused naming these. */
    public static Roles of(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(r -> r.id.equals(wanted))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("role must be one of admin, operator, viewer, was '" + id + "'"));
    }
}
