package io.chronoflow.workerapp;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The worker app's HTTP surface: {@code /actuator/health} is open (for probes); everything else, {@code
 * /actuator/prometheus} included, needs HTTP Basic as the user {@code metrics} with {@code
 * CHRONOFLOW_METRICS_PASSWORD}. Without that password nobody may scrape: there is no default.
 */
@Configuration
public class MetricsAccess {

    private static final Logger log = LoggerFactory.getLogger(MetricsAccess.class);

    @Bean
    UserDetailsService metricsUser(@Value("${chronoflow.metrics.password:}") String password) {
        List<UserDetails> users = new ArrayList<>();
        if (password.isBlank()) {
            log.info("metrics are not served: set CHRONOFLOW_METRICS_PASSWORD to let the user 'metrics' scrape"
                    + " /actuator/prometheus");
        } else {
            PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
            users.add(User.withUsername("metrics")
                    .password(encoder.encode(password))
                    .roles("METRICS")
                    .build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    SecurityFilterChain workerSecurity(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(requests -> requests.requestMatchers(EndpointRequest.to(HealthEndpoint.class))
                        .permitAll()
                        .anyRequest()
                        .hasRole("METRICS"))
                .httpBasic(basic -> basic.realmName("chronoflow-worker"))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }
}
