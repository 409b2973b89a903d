package dev.conveyor.inventory.reservation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.conveyor.events.Message;
import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.events.inventory.StockCommitted;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.inventory.StockReservationRejected;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.events.inventory.StockShortage;
import dev.conveyor.inventory.product.Product;
import dev.conveyor.inventory.product.ProductMother;

import static dev.conveyor.inventory.reservation.ReservationMother.NOW;
import static dev.conveyor.inventory.reservation.ReservationMother.lines;
import static dev.conveyor.inventory.reservation.ReservationMother.stockOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReservationTest {

    private static final Instant LATER = NOW.plusSeconds(60);

    private final UUID orderId = UUID.randomUUID();

    private final Product mug = ProductMother.inStock("SKU-MUG", 10);

    private final Product cup = ProductMother.inStock("SKU-CUP", 3);

    private final Map<String, Product> stock = stockOf(mug, cup);

    @Test
    void reservesEveryLineWhenAllAreAvailable() {
        Reservation reservation = Reservation.requested(orderId, NOW);
        List<Message> messages = reservation.reserve(lines("SKU-MUG", 4, "SKU-CUP", 3), stock, NOW);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.RESERVED);
        assertThat(messages).containsExactly(
                new StockReserved(orderId, lines("SKU-MUG", 4, "SKU-CUP", 3)),
                new StockAdjusted("SKU-CUP", 3, 3, 0),
                new StockAdjusted("SKU-MUG", 10, 4, 6));
    }

    @Test
    void reservesNothingWhenOneLineIsShort() {
        Reservation reservation = Reservation.requested(orderId, NOW);
        List<Message> messages = reservation.reserve(lines("SKU-MUG", 4, "SKU-CUP", 5), stock, NOW);

        assertThat(reservation.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(messages).containsExactly(new StockReservationRejected(orderId,
                StockReservationRejected.INSUFFICIENT_STOCK, List.of(new StockShortage("SKU-CUP", 5, 3))));
        assertThat(mug.reserved()).isZero();
        assertThat(cup.reserved()).isZero();
    }

    @Test
    void addsUpTheLinesOfOneSkuBeforeCheckingItsStock() {
        Reservation reservation = Reservation.requested(orderId, NOW);
        List<Message> messages = reservation.reserve(lines("SKU-CUP", 2, "SKU-CUP", 2), stock, NOW);

        assertThat(messages).containsExactly(new StockReservationRejected(orderId,
                StockReservationRejected.INSUFFICIENT_STOCK, List.of(new StockShortage("SKU-CUP", 4, 3))));
    }

    @Test
    void rejectsAnUnknownSkuWithThatReasonAndListsEveryShortage() {
        Reservation reservation = Reservation.requested(orderId, NOW);
        List<Message> messages = reservation.reserve(lines("SKU-MUG", 1, "SKU-GHOST", 2, "SKU-CUP", 9), stock, NOW);

        assertThat(messages).containsExactly(new StockReservationRejected(orderId,
                StockReservationRejected.UNKNOWN_SKU,
                List.of(new StockShortage("SKU-CUP", 9, 3), new StockShortage("SKU-GHOST", 2, 0))));
        assertThat(mug.reserved()).isZero();
    }

    @Test
    void aRepeatedReserveGetsTheSameReservationWithoutReservingAgain() {
        Reservation reservation = ReservationMother.reserved(orderId, lines("SKU-MUG", 4), stock);

        assertThat(reservation.reserve(lines("SKU-MUG", 1), stock, LATER)).containsExactly(new StockReserved(orderId, lines("SKU-MUG", 4)));
        assertThat(mug.reserved()).isEqualTo(4);
    }

    @Test
    void aRepeatedReserveGetsTheSameRejection() {
        Reservation rejected = Reservation.requested(orderId, NOW);
        rejected.reserve(lines("SKU-CUP", 5), stock, NOW);
        cup.restock(10);

        assertThat(rejected.reserve(lines("SKU-CUP", 1), stock, LATER)).containsExactly(new StockReservationRejected(orderId,
                StockReservationRejected.INSUFFICIENT_STOCK, List.of(new StockShortage("SKU-CUP", 5, 3))));
    }

    @Test
    void releaseGivesTheStockBackOnceAndRepeatsItsAnswer() {
        Reservation reservation = ReservationMother.reserved(orderId, lines("SKU-MUG", 4, "SKU-CUP", 1), stock);

        List<Message> first = reservation.release(stock, NOW);
        List<Message> again = reservation.release(stock, NOW);

        assertThat(first).containsExactly(new StockReleased(orderId, lines("SKU-MUG", 4, "SKU-CUP", 1)),
                new StockAdjusted("SKU-CUP", 3, 0, 3), new StockAdjusted("SKU-MUG", 10, 0, 10));
        assertThat(again).containsExactly(new StockReleased(orderId, lines("SKU-MUG", 4, "SKU-CUP", 1)));
        assertThat(reservation.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(mug.reserved()).isZero();
    }

    @Test
    void aReserveAfterTheReleaseIsRejectedAsReleased() {
        Reservation reservation = ReservationMother.reserved(orderId, lines("SKU-MUG", 4), stock);
        reservation.release(stock, NOW);

        assertThat(reservation.reserve(lines("SKU-MUG", 1), stock, LATER)).containsExactly(
                new StockReservationRejected(orderId, StockReservationRejected.RESERVATION_RELEASED, List.of()));
        assertThat(mug.reserved()).isZero();
    }

    @Test
    void aReleaseBeforeAnyReservationIsKeptAsAReleasedReservationThatRefusesALateReserve() {
        Reservation reservation = Reservation.releasedBeforeReservation(orderId, NOW);

        assertThat(reservation.release(Map.of(), LATER)).containsExactly(new StockReleased(orderId, List.of()));
        assertThat(reservation.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(reservation.skusHeld()).isEmpty();
        assertThat(reservation.reserve(lines("SKU-MUG", 1), stock, LATER)).containsExactly(
                new StockReservationRejected(orderId, StockReservationRejected.RESERVATION_RELEASED, List.of()));
        assertThat(mug.reserved()).isZero();
    }

    @Test
    void aReservationNotDecidedYetCannotBeReleasedOrCommitted() {
        Reservation reservation = Reservation.requested(orderId, NOW);

        assertThatThrownBy(() -> reservation.release(stock, LATER)).isInstanceOf(IllegalReservationTransitionException.class);
        assertThatThrownBy(() -> reservation.commit(stock, LATER)).isInstanceOf(IllegalReservationTransitionException.class);
    }

    @Test
    void releasingARejectedReservationReleasesNothingAndKeepsTheRejection() {
        Reservation rejected = Reservation.requested(orderId, NOW);
        rejected.reserve(lines("SKU-CUP", 5), stock, NOW);

        assertThat(rejected.release(stock, NOW)).containsExactly(new StockReleased(orderId, List.of()));
        assertThat(rejected.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(rejected.reserve(lines("SKU-CUP", 1), stock, LATER)).singleElement().isInstanceOf(StockReservationRejected.class)
            .extracting(message -> ((StockReservationRejected) message).reason())
            .isEqualTo(StockReservationRejected.INSUFFICIENT_STOCK);
    }

    @Test
    void commitRemovesTheStockOnceAndRepeatsItsAnswer() {
        Reservation reservation = ReservationMother.reserved(orderId, lines("SKU-MUG", 4), stock);

        List<Message> first = reservation.commit(stock, NOW);
        List<Message> again = reservation.commit(stock, NOW);

        assertThat(first).containsExactly(new StockCommitted(orderId, lines("SKU-MUG", 4)),
                new StockAdjusted("SKU-MUG", 6, 0, 6));
        assertThat(again).containsExactly(new StockCommitted(orderId, lines("SKU-MUG", 4)));
        assertThat(reservation.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(mug.onHand()).isEqualTo(6);
    }

    @Test
    void aReleaseAfterTheCommitIsRefusedAndAnsweredWithTheCommit() {
        Reservation reservation = ReservationMother.reserved(orderId, lines("SKU-MUG", 4), stock);
        reservation.commit(stock, NOW);

        assertThat(reservation.release(stock, NOW)).containsExactly(new StockCommitted(orderId, lines("SKU-MUG", 4)));
        assertThat(reservation.status()).isEqualTo(ReservationStatus.COMMITTED);
        assertThat(mug.stockLevels()).isEqualTo(new StockAdjusted("SKU-MUG", 6, 0, 6));
    }

    @Test
    void aCommitWithNothingReservedCommitsNothing() {
        Reservation released = ReservationMother.reserved(orderId, lines("SKU-MUG", 4), stock);
        released.release(stock, NOW);

        assertThat(Reservation.commitWithoutReservation(orderId)).containsExactly(new StockCommitted(orderId, List.of()));
        assertThat(released.commit(stock, NOW)).containsExactly(new StockCommitted(orderId, List.of()));
        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(mug.stockLevels()).isEqualTo(new StockAdjusted("SKU-MUG", 10, 0, 10));
    }

    @Test
    void onlyAHeldReservationNamesProductsToLockInSkuOrder() {
        Reservation reservation = ReservationMother.reserved(orderId, lines("SKU-MUG", 1, "SKU-CUP", 1), stock);

        assertThat(reservation.skusHeld()).containsExactly("SKU-CUP", "SKU-MUG");
        reservation.commit(stock, NOW);
        assertThat(reservation.skusHeld()).isEmpty();
    }
}
