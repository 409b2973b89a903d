package dev.conveyor.order.saga;

import java.util.List;
import java.util.Objects;

import dev.conveyor.order.order.CancellationReason;
import dev.conveyor.order.order.OrderStatus;

/**
 * One cell of the saga's transition table: the kind of outcome, the status the order moves to (null: unchanged),
 * the cancellation reason when it moves to CANCELLED, a note for the status history, and the commands and events
 * to send, all in the same local transaction.
 */
public record Transition(Outcome outcome, OrderStatus next, CancellationReason reason, String note,
        List<SagaCommand> commands, List<SagaEvent> events) {

    public Transition {
        Objects.requireNonNull(outcome, "outcome");
        commands = List.copyOf(commands);
        events = List.copyOf(events);
        if ((next == OrderStatus.CANCELLED) != (reason != null)) {
            throw new IllegalArgumentException("a cancellation, and only a cancellation, has a reason");
        }
    }

    static Transition advance(OrderStatus next) {
        return new Transition(Outcome.ADVANCED, next, null, null, List.of(), List.of());
    }

    static Transition cancel(CancellationReason reason) {
        return new Transition(Outcome.ADVANCED, OrderStatus.CANCELLED, reason, null, List.of(), List.of());
    }

    static Transition recorded() {
        return none(Outcome.RECORDED);
    }

    static Transition compensate(SagaCommand... compensations) {
        return none(Outcome.COMPENSATED).send(compensations);
    }

    static Transition duplicate() {
        return none(Outcome.DUPLICATE);
    }

    static Transition acknowledged() {
        return none(Outcome.ACKNOWLEDGED);
    }

    static Transition unexpected() {
        return none(Outcome.UNEXPECTED);
    }

    static Transition alert() {
        return none(Outcome.ALERT);
    }

    static Transition refused() {
        return none(Outcome.REFUSED);
    }

    static Transition resend(SagaCommand command) {
        return none(Outcome.RESENT).send(command);
    }

    static Transition stuck() {
        return none(Outcome.STUCK);
    }

    private static Transition none(Outcome outcome) {
        return new Transition(outcome, null, null, null, List.of(), List.of());
    }

    Transition send(SagaCommand... more) {
        return new Transition(outcome, next, reason, note, concat(commands, List.of(more)), events);
    }

    Transition publish(SagaEvent... more) {
        return new Transition(outcome, next, reason, note, commands, concat(events, List.of(more)));
    }

    Transition noting(String text) {
        return new Transition(outcome, next, reason, text, commands, events);
    }

    /** Whether the order's status changes. */
    public boolean changesStatus() {
        return next != null;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
