package dev.conveyor.loadtest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerTest {

    private final Ledger ledger = new Ledger("OrderDelivered", 0);

    @Test
    void theFirstSuccessAfterAKillIsTheEarliestDeliveryOfAnOrderSentSinceThen() {
        ledger.placed("before", "SKU-A", 1, 100, 110);
        ledger.placed("after-1", "SKU-A", 1, 500, 510);
        ledger.placed("after-2", "SKU-A", 1, 600, 610);
        ledger.event(new Ledger.Event("before", "OrderDelivered", null, 700));
        ledger.event(new Ledger.Event("after-2", "OrderDelivered", null, 900));
        ledger.event(new Ledger.Event("after-1", "OrderDelivered", null, 950));

        assertThat(ledger.firstSuccessOfOrderSentFrom(500)).hasValue(900);
        assertThat(ledger.firstSuccessOfOrderSentFrom(100)).hasValue(700);
    }

    @Test
    void cancellationsAndConfirmationsAreNotCompletions() {
        ledger.placed("o1", "SKU-A", 1, 500, 510);
        ledger.placed("o2", "SKU-A", 1, 600, 610);
        ledger.event(new Ledger.Event("o1", "OrderConfirmed", null, 800));
        ledger.event(new Ledger.Event("o2", "OrderCancelled", "TIMED_OUT", 900));

        assertThat(ledger.firstSuccessOfOrderSentFrom(0)).isEmpty();
    }

    @Test
    void aDeliveryThatOvertakesThePostsAnswerCounts() {
        ledger.event(new Ledger.Event("o1", "OrderDelivered", null, 800));
        ledger.placed("o1", "SKU-A", 1, 500, 900);

        assertThat(ledger.firstSuccessOfOrderSentFrom(500)).hasValue(800);
    }
}
