package dev.conveyor.order.order;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * One cell of the saga's transition table: the kind of outcome, the status the order moves to (null: unchanged),
 * the cancellation reason when it moves to CANCELLED, a note for the status history, and the commands and events
 * it causes, all applied in the same local transaction.
 */
record Decision(Outcome outcome, OrderStatus next, CancellationReason reason, String note, List<SagaCommand> commands,
        List<SagaEvent> events) {

    Decision {
        Objects.requireNonNull(outcome, "outcome");
        commands = List.copyOf(commands);
        events = List.copyOf(events);
        if ((next == OrderStatus.CANCELLED) != (reason != null)) {
            throw new IllegalArgumentException("a cancellation, and only a cancellation, has a reason");
        }
    }

    static Decision advance(OrderStatus next) {
        return new Decision(Outcome.ADVANCED, next, null, null, List.of(), List.of());
    }

    static Decision cancel(CancellationReason reason) {
        return new Decision(Outcome.ADVANCED, OrderStatus.CANCELLED, reason, null, List.of(), List.of());
    }

    static Decision recorded() {
        return none(Outcome.RECORDED);
    }

    static Decision compensate(SagaCommand... compensations) {
        return none(Outcome.COMPENSATED).send(compensations);
    }

    static Decision duplicate() {
        return none(Outcome.DUPLICATE);
    }

    static Decision acknowledged() {
        return none(Outcome.ACKNOWLEDGED);
    }

    static Decision unexpected() {
        return none(Outcome.UNEXPECTED);
    }

    static Decision alert() {
        return none(Outcome.ALERT);
    }

    static Decision refused() {
        return none(Outcome.REFUSED);
    }

    static Decision resend(SagaCommand command) {
        return none(Outcome.RESENT).send(command);
    }

    static Decision stuck() {
        return none(Outcome.STUCK);
    }

    private static Decision none(Outcome outcome) {
        return new Decision(outcome, null, null, null, List.of(), List.of());
    }

    Decision send(SagaCommand... more) {
        return new Decision(outcome, next, reason, note, concat(commands, List.of(more)), events);
    }

    Decision publish(SagaEvent... more) {
        return new Decision(outcome, next, reason, note, commands, concat(events, List.of(more)));
    }

    Decision noting(String text) {
        return new Decision(outcome, next, reason, text, commands, events);
    }

    /** Whether the table accepts the trigger as a step of the saga, so the facts it carries are recorded. */
    boolean accepted() {
        return outcome == Outcome.ADVANCED || outcome == Outcome.RECORDED;
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
