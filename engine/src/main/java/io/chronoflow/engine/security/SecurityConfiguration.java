package io.chronoflow.engine.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronoflow.engine.audit.AuditLog;
import io.chronoflow.engine.audit.AuditTrail;
import io.chronoflow.engine.config.ChronoflowProperties;
import io.chronoflow.engine.console.ConsoleConfiguration;
import java.time.Clock;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * Who may call what. Everything needs credentials except {@code /actuator/health}; the Camunda webapps under {@code
 * /camunda} run their own session login (and CSRF protection), backed by the same engine users and authorizations; the
 * jobs console's static files under {@code /console/} are public and read everything through the authenticated APIs.
 * {@code /engine-rest} and {@code /api} take HTTP Basic (people and workers) or a worker token as a bearer token, and
 * keep no session.
 *
 * <p>{@code /api/v1} is guarded here by role ({@link Roles}); {@code /engine-rest} needs an engine user and the engine's
 * own authorizations decide the rest, so both surfaces enforce the same rules. Worker credentials reach the
 * external-task calls a worker needs and nothing else (403).
 */
@Configuration
public class SecurityConfiguration {

    /** The calls a worker makes: fetch, complete, failure, BPMN error, extend lock, unlock, routed dispatch. */
    static final String[] WORKER_CALLS = {
        "/engine-rest/external-task/fetchAndLock",
        "/engine-rest/external-task/*/complete",
        "/engine-rest/external-task/*/failure",
        "/engine-rest/external-task/*/bpmnError",
        "/engine-rest/external-task/*/extendLock",
        "/engine-rest/external-task/*/unlock",
        "/api/v1/dispatch/**"
    };

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Roles.HIERARCHY);
    }

    @Bean
    SecurityFilterChain chronoflowSecurity(
            HttpSecurity http,
            ObjectMapper json,
            IdentityService identityService,
            ExternalTaskService externalTasks,
            EngineUserAuthenticationProvider engineUsers,
            InternalWorkerCredentials internalWorkers,
            ChronoflowProperties properties,
            AuditLog auditLog,
            Clock clock)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        ProviderManager authentication = new ProviderManager(internalWorkers, engineUsers);
        String admin = Roles.ADMIN.role();
        String operator = Roles.OPERATOR.role();
        String viewer = Roles.VIEWER.role();
        http.authenticationManager(authentication)
                .authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                        .permitAll()
                        .requestMatchers("/", "/camunda/**", "/error", "/console", ConsoleConfiguration.FILES)
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, WORKER_CALLS)
                        .hasAnyRole(Roles.WORKER, Roles.USER)
                        .requestMatchers("/api/v1/audit/**", "/api/v1/users/**", "/api/v1/worker-tokens/**")
                        .hasRole(admin)
                        .requestMatchers(HttpMethod.POST, "/api/v1/jobs/*/pause", "/api/v1/jobs/*/resume")
                        .hasRole(operator)
                        .requestMatchers(HttpMethod.POST, "/api/v1/jobs/*/trigger", "/api/v1/incidents/**")
                        .hasRole(operator)
                        .requestMatchers(HttpMethod.GET, "/api/v1/me")
                        .hasRole(Roles.USER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/**", "/v3/api-docs/**", "/swagger-ui/**")
                        .hasRole(viewer)
                        .requestMatchers("/swagger-ui.html", "/actuator/**")
                        .hasRole(viewer)
                        .requestMatchers("/engine-rest/**")
                        .hasRole(Roles.USER)
                        .anyRequest()
                        .hasRole(admin))
                .addFilterAfter(new AuditTrail(auditLog, clock), SecurityContextHolderFilter.class)
                .addFilterAfter(new CredentialChanges(engineUsers), SecurityContextHolderFilter.class)
                .addFilterAfter(
                        new RequestSizeLimit(
                                properties.limits().requestBody(),
                                properties.limits().deploymentBody(),
                                problems),
                        SecurityContextHolderFilter.class)
                .httpBasic(basic -> basic.realmName(ProblemResponses.REALM).authenticationEntryPoint(problems))
                .addFilterBefore(new WorkerTokenFilter(authentication, problems), BasicAuthenticationFilter.class)
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(headers -> headers.addHeaderWriter(ConsoleConfiguration.contentSecurityPolicy()))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Basic-auth and bearer APIs keep no session, so there is no cookie to forge; the webapps protect
                // themselves with their own CSRF tokens.
                .csrf(AbstractHttpConfigurer::disable)
                .addFilterAfter(new EngineIdentityFilter(identityService), AuthorizationFilter.class)
                .addFilterAfter(new WorkerTopicScope(externalTasks, json, problems), AuthorizationFilter.class);
        return http.build();
    }
}
