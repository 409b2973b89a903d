package dev.conveyor.order.saga;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.conveyor.events.Message;
import dev.conveyor.messaging.Outbox;
import dev.conveyor.order.order.Order;
import dev.conveyor.order.order.OrderRepository;
import dev.conveyor.order.order.OrderStatus;
import dev.conveyor.order.order.OrderStatusChanged;

/**
 * Runs the {@link FulfilmentSaga}: each trigger is one local transaction that locks the order, asks the table what
 * to do, applies the status change, records the saga's progress and writes the commands and events to the outbox.
 */
@Service
public class Fulfilment {

    private static final Logger log = LoggerFactory.getLogger(Fulfilment.class);

    private static final BiConsumer<Order, SagaState> NO_FACTS = (order, saga) -> { };

    private final FulfilmentSaga table = new FulfilmentSaga();

    private final OrderRepository orders;

    private final SagaRepository sagas;

    private final Outbox outbox;

    private final ApplicationEventPublisher events;

    private final SagaSettings settings;

    private final Clock clock;

    Fulfilment(OrderRepository orders, SagaRepository sagas, Outbox outbox, ApplicationEventPublisher events,
            SagaSettings settings, Clock clock) {
        this.orders = orders;
        this.sagas = sagas;
        this.outbox = outbox;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts the saga of a new order, in the transaction that stores it: ReserveStock and OrderPlaced. */
    @Transactional
    public void start(Order order, String cardToken) {
        SagaState saga = sagas.save(SagaState.start(order.id(), cardToken, clock.instant(), settings.timeouts()));
        Transition start = table.start();
        publish(messages(start, order, saga, order.createdAt()));
        log.info("Order {} placed: saga started, waiting for stock until {}", order.id(), saga.deadline());
    }

    /** Applies a participant's reply with no facts to record. */
    @Transactional
    public Optional<Transition> handle(UUID orderId, Trigger trigger) {
        return handle(orderId, trigger, NO_FACTS);
    }

    /**
     * Applies a trigger to the order's saga; {@code facts} records what the reply carries (ids, tracking) after the
     * table decided and before the messages are built. An unknown order is logged and skipped: nothing of ours to
     * change or compensate.
     */
    @Transactional
    public Optional<Transition> handle(UUID orderId, Trigger trigger, BiConsumer<Order, SagaState> facts) {
        Optional<Order> found = orders.findForUpdate(orderId);
        if (found.isEmpty()) {
            log.warn("{} for unknown order {}: ignored", trigger, orderId);
            return Optional.empty();
        }
        Order order = found.get();
        SagaState saga = sagas.findById(orderId)
                .orElseThrow(() -> new IllegalStateException("Order " + orderId + " has no saga state"));
        OrderStatus before = order.status();
        Transition transition = table.on(before, trigger, saga);
        facts.accept(order, saga);
        apply(order, saga, transition, trigger);
        logOutcome(orderId, trigger, before, transition);
        return Optional.of(transition);
    }

    /** Cancels the most overdue saga, if any, with TIMED_OUT; answers whether there was one. */
    @Transactional
    public boolean expireNextOverdue() {
        Optional<UUID> overdue = sagas.lockNextOverdue(clock.instant());
        overdue.ifPresent(orderId -> handle(orderId, Trigger.DEADLINE_EXPIRED));
        return overdue.isPresent();
    }

    private void apply(Order order, SagaState saga, Transition transition, Trigger trigger) {
        Instant now = clock.instant();
        boolean changed = false;
        if (transition.next() == OrderStatus.CANCELLED) {
            changed = order.cancel(transition.reason(), now);
        }
        else if (transition.next() != null) {
            changed = order.moveTo(transition.next(), transition.note(), now);
        }
        saga.noteSent(transition.commands());
        List<Message> messages = messages(transition, order, saga, now);
        if (changed) {
            saga.settle(order.status(), now, settings.timeouts());
            events.publishEvent(OrderStatusChanged.of(order));
        }
        else if (trigger == Trigger.DEADLINE_EXPIRED) {
            saga.settle(order.status(), now, settings.timeouts());
        }
        publish(messages);
    }

    private List<Message> messages(Transition transition, Order order, SagaState saga, Instant at) {
        List<Message> messages = new ArrayList<>();
        transition.commands().forEach(command -> messages.add(SagaMessages.command(command, order, saga)));
        transition.events().forEach(event -> messages.add(SagaMessages.event(event, order, at)));
        return messages;
    }

    private void publish(List<Message> messages) {
        messages.forEach(outbox::publish);
    }

    private static void logOutcome(UUID orderId, Trigger trigger, OrderStatus before, Transition transition) {
        switch (transition.outcome()) {
            case ADVANCED -> log.info("Order {}: {} moved it {} -> {}, sent {} {}", orderId, trigger, before,
                    transition.next(), transition.commands(), transition.events());
            case RECORDED, COMPENSATED -> log.info("Order {} ({}): {} {}, sent {} {}", orderId, before, trigger,
                    transition.outcome(), transition.commands(), transition.events());
            case DUPLICATE, ACKNOWLEDGED -> log.info("Order {} ({}): {} {}", orderId, before, trigger,
                    transition.outcome());
            case UNEXPECTED -> log.warn("Order {} ({}): {} is not expected in this status; nothing changed",
                    orderId, before, trigger);
            case ALERT -> log.error("Order {} ({}): {} needs an operator: the saga cannot repair it", orderId, before,
                    trigger);
            case REFUSED -> log.info("Order {} ({}): {} refused", orderId, before, trigger);
        }
    }
}
