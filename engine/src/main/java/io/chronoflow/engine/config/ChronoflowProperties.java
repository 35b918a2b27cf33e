package io.chronoflow.engine.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the engine reads from {@code chronoflow.*} (environment variables {@code CHRONOFLOW_*} map onto these by
 * Spring's relaxed binding, e.g. {@code CHRONOFLOW_REDIS_URL} to {@code chronoflow.redis.url}).
 *
 * @param dataDir where the embedded database and the generated admin password live.
 * @param bpmnDir the folder whose models are deployed at start; unset means {@code ./bpmn} when it exists, otherwise
 *     the models packaged in the jar.
 * @param db the engine database; unset means an embedded H2 file database under {@code dataDir}.
 * @param admin the first administrator, created when no user of that id exists yet.
 * @param redis the Redis used for the worker registry and locks; unset means an embedded Redis on a free port.
 * @param demoWorker the in-process worker that runs the example jobs.
 * @param timers how the job executor finds due timers.
 * @param security what deployed models may contain.
 * @param limits the largest request bodies accepted.
 * @param audit the audit log.
 * @param alerts the built-in alert webhook.
 * @param fireAudit the fire ledger: every expected timer fire accounted for (docs/fire-audit.md).
 * @param users people created at start when missing (their role is set at every start; an existing password is never
 *     changed).
 */
@ConfigurationProperties("chronoflow")
public record ChronoflowProperties(
        @DefaultValue("data") Path dataDir,
        Path bpmnDir,
        @DefaultValue Db db,
        @DefaultValue Admin admin,
        @DefaultValue Redis redis,
        @DefaultValue DemoWorker demoWorker,
        @DefaultValue Timers timers,
        @DefaultValue Security security,
        @DefaultValue Limits limits,
        @DefaultValue Audit audit,
        @DefaultValue Alerts alerts,
        @DefaultValue FireAudit fireAudit,
        @DefaultValue List<UserEntry> users) {

    /**
     * The engine database. The values are wired into {@code spring.datasource.*} by application.yml; they are listed
     * here so that the configuration metadata documents them.
     *
     * @param url JDBC URL, e.g. {@code jdbc:postgresql://db:5432/chronoflow}; unset means embedded H2.
     * @param user database user.
     * @param password database password.
     */
    public record Db(String url, String user, String password) {
        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }

    /**
     * @param user id of the first administrator.
     * @param password its password; unset means generate one, print it once and store it in {@code
     *     dataDir/admin-password}.
     */
    public record Admin(@DefaultValue("admin") String user, String password) {}

    /**
     * @param url {@code redis://[user:password@]host:port[/database]} ({@code rediss://} for TLS), {@code
     *     redis-sentinel://…/master} or {@code redis-cluster://…} (see {@code RedisEndpoint}); unset means an embedded
     *     Redis.
     * @param connectTimeout how long to wait for a connection to Redis.
     * @param keyPrefix prefix of every Redis key Chronoflow reads or writes (registry, shard locks); workers must use
     *     the same.
     */
    public record Redis(
            String url,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("chronoflow") String keyPrefix) {
        public boolean embedded() {
            return url == null || url.isBlank();
        }
    }

    /**
     * @param enabled run the in-process demo worker for the example topics.
     * @param engineUrl the {@code /engine-rest} base URL it talks to; unset means this node's own.
     * @param longPoll how long one fetch-and-lock request waits for work before it returns empty.
     * @param lockDuration how long a fetched task stays locked to the demo worker.
     * @param capacity how many example tasks it runs at once.
     * @param targetDbUrl JDBC URL of the database the sharded example writes to; unset means an H2 file under {@code
     *     dataDir}.
     * @param targetDbUser user for the example's database.
     * @param targetDbPassword password for the example's database.
     * @param saga serve the order-settlement saga's topics, with its three services on three H2 databases under {@code
     *     dataDir} (saga-stock, saga-payment, saga-shipping).
     */
    public record DemoWorker(
            @DefaultValue("true") boolean enabled,
            String engineUrl,
            @DefaultValue("20s") Duration longPoll,
            @DefaultValue("30s") Duration lockDuration,
            @DefaultValue("4") int capacity,
            String targetDbUrl,
            String targetDbUser,
            String targetDbPassword,
            @DefaultValue("true") boolean saga) {}

    /**
     * @param precise each node sleeps until the next due timer and nodes announce new timers to each other (see
     *     docs/scheduling.md); false means Camunda's stock acquisition, which polls on the {@code
     *     camunda.bpm.job-execution} back-off.
     */
    public record Timers(@DefaultValue("true") boolean precise) {}

    /**
     * The fire ledger and its reconciliation (docs/fire-audit.md).
     *
     * @param enabled record every timer fire in the ledger and refuse a second run of a fire; reconcile expected
     *     fires. Off only to measure what the ledger costs.
     * @param lateThreshold a fire whose run started later than this after its due time is {@code late}.
     * @param grace a fire with no run this long after its due time is {@code missed} (or {@code paused}).
     * @param interval how often the leader reconciles expected fires with the ledger.
     * @param retention ledger rows of fires due longer ago are deleted (by the leader, hourly).
     */
    public record FireAudit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1s") Duration lateThreshold,
            @DefaultValue("30s") Duration grace,
            @DefaultValue("10s") Duration interval,
            @DefaultValue("31d") Duration retention) {}

    /**
     * @param allowScripts accept models with script tasks, {@code camunda:script} and script-language expressions. A
     *     deployed script runs on every engine node with the engine's rights: keep this off unless every deployer is
     *     trusted with that.
     * @param login how wrong passwords are slowed down and locked out.
     * @param credentialCache how long a node trusts a user's or worker token's credentials once checked (zero: check
     *     every request); a change of users, groups, authorizations or tokens is honoured at once by the node it was
     *     made on and by the others within this time.
     */
    public record Security(
            @DefaultValue("false") boolean allowScripts,
            @DefaultValue Login login,
            @DefaultValue("10s") Duration credentialCache) {}

    /**
     * Wrong passwords (and worker-token secrets): each failure delays the user's next attempt by {@code
     * delay-base-seconds}, doubling, at most {@code delay-max-seconds}; after {@code max-attempts} failures the user is
     * locked for {@code lockout} (zero: until an admin unlocks it). The first three are handed to the engine, which
     * enforces them; the lockout's end is Chronoflow's.
     *
     * @param maxAttempts failures before the lockout.
     * @param delayBaseSeconds the first delay.
     * @param delayMaxSeconds the longest delay.
     * @param lockout how long a locked user stays locked.
     */
    public record Login(
            @DefaultValue("10") int maxAttempts,
            @DefaultValue("3") int delayBaseSeconds,
            @DefaultValue("60") int delayMaxSeconds,
            @DefaultValue("15m") Duration lockout) {}

    /** @param retention how long audit-log entries are kept. */
    public record Audit(@DefaultValue("90d") Duration retention) {}

    /**
     * A user from configuration, e.g. {@code CHRONOFLOW_USERS_0_ID=alice}, {@code CHRONOFLOW_USERS_0_PASSWORD=…},
     * {@code CHRONOFLOW_USERS_0_ROLE=operator}.
     *
     * @param id letters and digits.
     * @param name display name.
     * @param password at least 12 characters; used only when the user is created.
     * @param role {@code admin}, {@code operator} or {@code viewer}.
     */
    public record UserEntry(String id, String name, String password, String role) {}

    /**
     * @param requestBody the largest body of any request but a deployment (413 beyond).
     * @param deploymentBody the largest deployment ({@code /engine-rest/deployment/create}); also the multipart limit.
     */
    public record Limits(
            @DefaultValue("1MB") DataSize requestBody,
            @DefaultValue("10MB") DataSize deploymentBody) {}

    /**
     * The built-in alert webhook, for users without Alertmanager: a JSON event is POSTed to every URL when an incident
     * opens or is resolved and when a job fails {@code failures-in-a-row} times without a completed run between.
     *
     * @param webhookUrls where events go; none means no webhook.
     * @param failuresInARow failures of one job, without a completed run between, that make a {@code job-failing} event.
     * @param maxAttempts deliveries of one event to one URL before it is given up (logged, counted).
     * @param timeout how long one delivery may take.
     */
    public record Alerts(
            @DefaultValue List<java.net.URI> webhookUrls,
            @DefaultValue("3") int failuresInARow,
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("5s") Duration timeout) {}
}
