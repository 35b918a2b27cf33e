package io.chronoflow.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Chronoflow engine: Camunda 7 with its REST API and webapps, plus the Chronoflow API. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ChronoflowEngineApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChronoflowEngineApplication.class, args);
    }
}
