package dev.outdial.app.simulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;

/**
 * The simulator is served only while no Bolna API key is configured, and only on the embedded
 * Postgres (a developer's machine) unless asked for with {@code outdial.simulator.enabled=true}: on
 * a platform that talks to the real Bolna, or runs in production, an open simulator would let
 * anyone make this server post to any webhook URL.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnExpression(
    "'${outdial.bolna.api-key:}'.isBlank() and ('${spring.datasource.url:}'.isEmpty()"
        + " or '${outdial.simulator.enabled:false}' == 'true')")
public @interface ConditionalOnSimulator {}
