package io.chronoflow.engine.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * Who may call what. Everything needs credentials except {@code /actuator/health}; the Camunda webapps under {@code
 * /camunda} run their own session login (and CSRF protection), backed by the same engine users. {@code /engine-rest}
 * and {@code /api} take HTTP Basic and keep no session.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain chronoflowSecurity(
            HttpSecurity http,
            ObjectMapper json,
            IdentityService identityService,
            EngineUserAuthenticationProvider engineUsers,
            InternalWorkerCredentials internalWorkers)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(json);
        http.authenticationManager(new ProviderManager(internalWorkers, engineUsers))
                .authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                        .permitAll()
                        .requestMatchers("/", "/camunda/**", "/error")
                        .permitAll()
                        .requestMatchers("/engine-rest/external-task/**", "/api/v1/dispatch/**")
                        .hasAnyRole(Roles.WORKER, Roles.USER)
                        .anyRequest()
                        .hasRole(Roles.USER))
                .httpBasic(basic -> basic.realmName(ProblemResponses.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Basic-auth APIs keep no session, so there is no cookie to forge; the webapps protect themselves.
                .csrf(AbstractHttpConfigurer::disable)
                .addFilterAfter(new EngineIdentityFilter(identityService), AuthorizationFilter.class);
        return http.build();
    }
}
