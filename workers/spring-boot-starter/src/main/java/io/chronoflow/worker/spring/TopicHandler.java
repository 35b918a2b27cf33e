package io.chronoflow.worker.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link io.chronoflow.worker.TaskHandler} bean as the handler of a topic; the auto-configured worker fetches
 * that topic and runs the bean for each of its tasks.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TopicHandler {

    /** The topic, as in {@code camunda:topic} of the model's external task. */
    String value();
}
