package dev.outdial.app.simulator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the built-in Bolna simulator plays calls ({@code OUTDIAL_SIMULATOR_*}).
 *
 * @param ringSeconds how long a call rings before it is answered or given up
 * @param talkSecondsMin shortest conversation, in reported seconds
 * @param talkSecondsMax longest conversation
 * @param answerRate share of calls answered (when no outcome is fixed for the number)
 * @param busyRate share of calls busy; the rest of the unanswered ones are no-answer
 * @param seed seeds the outcomes, so runs are reproducible
 * @param postProcessingSeconds from call-disconnected to completed
 * @param timeScale real seconds per reported second of conversation (1 plays calls in real time;
 *     tests use 0.001 to report a 90-second call that lasts 90 ms)
 * @param webhookRetryMax how long a failed webhook delivery is retried, with backoff
 * @param retention how long a finished call's execution can still be read; after that the simulator
 *     forgets it, so its memory does not grow with every call ever placed (a real Bolna keeps them;
 *     the platform asks only for calls it heard nothing of for a while)
 */
@ConfigurationProperties("outdial.simulator")
public record SimulatorProperties(
    @DefaultValue("3") double ringSeconds,
    @DefaultValue("20") int talkSecondsMin,
    @DefaultValue("60") int talkSecondsMax,
    @DefaultValue("0.7") double answerRate,
    @DefaultValue("0.1") double busyRate,
    @DefaultValue("42") long seed,
    @DefaultValue("1") double postProcessingSeconds,
    @DefaultValue("1") double timeScale,
    @DefaultValue("3m") Duration webhookRetryMax,
    @DefaultValue("1h") Duration retention) {}
