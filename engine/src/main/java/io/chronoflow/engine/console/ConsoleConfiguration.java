package io.chronoflow.engine.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The jobs console: static files under {@code /console/} (from {@code static/console} in the jar, bpmn-js copied there
 * by the build), reached from {@code /}. The files are public, like the webapps' own; every piece of data comes
 * through the authenticated {@code /api/v1} and {@code /engine-rest}.
 */
@Configuration
public class ConsoleConfiguration implements WebMvcConfigurer {

    /** Where the console lives. */
    public static final String PATH = "/console/";

    /** The console's files, which anyone may fetch. */
    public static final String FILES = PATH + "**";

    /**
     * Scripts only from the engine itself, so that text from the API can never run even if it reached the page as
     * markup; inline styles are allowed because bpmn-js sets them on the diagram.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"
            + " 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none';"
            + " base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /** The console's Content-Security-Policy, on its responses only (the Camunda webapps send their own). */
    public static HeaderWriter contentSecurityPolicy() {
        return new DelegatingRequestMatcherHeaderWriter(
                PathPatternRequestMatcher.withDefaults().matcher(FILES),
                new StaticHeadersWriter("Content-Security-Policy", CONTENT_SECURITY_POLICY));
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", PATH);
        registry.addRedirectViewController("/console", PATH);
        registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
    }
}
