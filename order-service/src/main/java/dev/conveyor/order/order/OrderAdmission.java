package dev.conveyor.order.order;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.conveyor.messaging.MessagingBacklog;
import dev.conveyor.order.order.AdmissionSettings.Backlog;
import dev.conveyor.order.order.OrderExceptions.Overloaded;

/**
 * Decides whether the storefront takes a new order now: not while the messaging backlog is past its bound
 * ({@link AdmissionSettings}). The backlog is sampled on a thread of its own every {@code sample-interval}; a request
 * only reads the last sample, so admission costs a request neither a query nor a wait.
 */
@Component
class OrderAdmission implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderAdmission.class);

    private final MessagingBacklog backlog;

    private final AdmissionSettings settings;

    private final Map<Backlog, Counter> refused = new EnumMap<>(Backlog.class);

    private volatile Optional<Backlog> pastBound = Optional.empty();

    private ScheduledExecutorService sampler;

    OrderAdmission(MessagingBacklog backlog, AdmissionSettings settings, MeterRegistry registry) {
        this.backlog = backlog;
        this.settings = settings;
        for (Backlog reason : Backlog.values()) {
            refused.put(reason, Counter.builder("conveyor.orders.refused")
                .description("New orders refused with 503 because the backlog was past its bound")
                .tag("backlog", reason.tag)
                .register(registry));
        }
    }

    /** Whether new orders are taken now, as of the last sample. */
    boolean isTakingOrders() {
        return pastBound.isEmpty();
    }

    /** Answers when a new order may be placed now; throws {@link Overloaded} (503) while the backlog is too long. */
    void admitNewOrder() {
        Optional<Backlog> reason = pastBound;
        if (reason.isPresent()) {
            refused.get(reason.get()).increment();
            throw new Overloaded(settings.retryAfter());
        }
    }

    void sample() {
        Optional<Backlog> now;
        try {
            now = settings.refusal(backlog.sample());
        }
        catch (RuntimeException ex) {
            // A backlog that cannot be read (the database away) is not a reason to refuse: placing will tell.
            log.debug("Could not sample the backlog: {}", ex.toString());
            now = Optional.empty();
        }
        if (!now.equals(pastBound)) {
            if (now.isPresent()) {
                log.warn("Refusing new orders with 503: {}", now.get().description);
            }
            else {
                log.info("Taking new orders again: the backlog is within its bounds");
            }
        }
        pastBound = now;
    }

    @Override
    public synchronized void start() {
        if (sampler != null || !settings.enabled()) {
            return;
        }
        sampler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("order-admission").daemon()
            .factory());
        long millis = settings.sampleInterval().toMillis();
        sampler.scheduleWithFixedDelay(this::sample, 0, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (sampler != null) {
            sampler.shutdownNow();
            sampler = null;
        }
        pastBound = Optional.empty();
    }

    @Override
    public synchronized boolean isRunning() {
        return sampler != null;
    }
}
