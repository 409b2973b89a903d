package dev.conveyor.order.saga;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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

    private final FulfilmentSaga table;

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
        this.table = new FulfilmentSaga(settings.resendLimit());
    }

    /** Starts the saga of a new order, in the transaction that stores it: ReserveStock and OrderPlaced. */
    @Transactional
    public void start(Order order, String cardToken) {
        SagaState saga = SagaState.start(order.id(), cardToken);
        await(saga, table.awaited(order.status(), saga), clock.instant());
        sagas.save(saga);
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

    /**
     * Handles the most overdue saga's deadline, if any: locks its order ({@code SKIP LOCKED}), hands its id to
     * {@code taken} (so a caller can record a failure against it once this transaction has rolled back) and applies
     * {@link Trigger#DEADLINE_EXPIRED}. Answers whether there was one.
     */
    @Transactional
    public boolean expireNextOverdue(Consumer<UUID> taken) {
        Instant now = clock.instant();
        Optional<UUID> overdue = sagas.lockNextOverdue(now);
        overdue.ifPresent(orderId -> {
            taken.accept(orderId);
            handle(orderId, Trigger.DEADLINE_EXPIRED);
        });
        return overdue.isPresent();
    }

    /**
     * Records that handling the saga's deadline failed, in a transaction of its own: the error is kept and the next
     * try pushed back (doubling with each failure in a row), so the scan moves on to the other sagas. A saga that a
     * reply moved on meanwhile (no longer overdue) is left as it is: the failure belonged to a step that is over.
     */
    @Transactional
    public void noteDeadlineFailure(UUID orderId, String error) {
        Instant now = clock.instant();
        sagas.findById(orderId).filter(saga -> saga.isOverdue(now)).ifPresent(saga -> {
            Duration wait = settings.failureWait(saga.failures() + 1);
            saga.deadlineFailed(error, now, wait);
            log.warn("Order {}: handling its {} deadline failed {} time(s); next try in {}: {}", orderId,
                    saga.awaiting(), saga.failures(), wait, error);
        });
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
        track(order, saga, transition, now);
        if (changed) {
            events.publishEvent(OrderStatusChanged.of(order));
        }
        publish(messages);
        if (trigger == Trigger.DEADLINE_EXPIRED && saga.isOverdue(now)) {
            // A deadline cell must act; one that does not would be picked again and again by every scan.
            throw new IllegalStateException("Order " + order.id() + ": the deadline of " + saga.awaiting() + " in "
                    + order.status() + " was not moved by " + transition.outcome());
        }
    }

    /**
     * Moves the saga's deadline: the next, longer wait after a re-send; none once it gave up; otherwise the deadline
     * of the answer it now waits for (kept when that did not change).
     */
    private void track(Order order, SagaState saga, Transition transition, Instant now) {
        switch (transition.outcome()) {
            case RESENT -> saga.resent(now, settings.resendWait(saga.awaiting(), saga.attempts() + 1));
            case STUCK -> saga.giveUp(now);
            default -> await(saga, table.awaited(order.status(), saga), now);
        }
    }

    private void await(SagaState saga, Step step, Instant now) {
        saga.await(step, now, step == null ? null : settings.timeout(step));
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
            case RESENT -> log.warn("Order {} ({}): no answer in time, sent {} again", orderId, before,
                    transition.commands());
            case STUCK -> log.error("Order {} ({}): still no answer after every re-send; stuck until it comes, an "
                    + "operator should look (GET /actuator/sagas)", orderId, before);
        }
    }
}
