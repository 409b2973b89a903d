package dev.conveyor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.events.inventory.ProductPriceChanged;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.order.OrderPlaced;
import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.shipping.Address;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the compact constructors guarantee beyond the schemas: immutability, clear rejections, no leaked secrets. */
class MessageRecordsTest {

    private static final StockLine MUG = new StockLine(SampleMessages.MUG, 2);

    @Test
    void copiesListsSoALaterChangeToTheCallersListDoesNotLeakIn() {
        List<StockLine> lines = new ArrayList<>(List.of(MUG));
        ReserveStock command = new ReserveStock(SampleMessages.ORDER_ID, lines);

        lines.add(new StockLine(SampleMessages.TEE, 1));

        assertThat(command.lines()).containsExactly(MUG);
        assertThatThrownBy(() -> command.lines().add(MUG)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesTheMissingOrInvalidField() {
        assertThatThrownBy(() -> new ReserveStock(null, List.of(MUG))).hasMessage("orderId is required");
        assertThatThrownBy(() -> new ReserveStock(SampleMessages.ORDER_ID, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("lines must not be empty");
        assertThatThrownBy(() -> new ReserveStock(SampleMessages.ORDER_ID, Arrays.asList(MUG, null)))
                .hasMessage("lines must not contain null elements");
        assertThatThrownBy(() -> new StockLine(SampleMessages.MUG, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("quantity must be positive, was 0");
        assertThatThrownBy(() -> new StockLine(" ", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sku must not be blank");
        assertThatThrownBy(() -> new ProductPriceChanged(SampleMessages.MUG, new Money("1.00", "EUR"),
                new Money("2.00", "EUR"), 0, SampleMessages.PLACED_AT))
                .hasMessage("priceVersion must be positive, was 0");
        assertThatThrownBy(() -> new Address("Ada", "1 Main Street", null, "London", "N1 9GU", "gb"))
                .hasMessageContaining("country must be an upper-case ISO 3166-1 alpha-2 code");
    }

    @Test
    void placedOrderNeedsAtLeastOneItem() {
        OrderPlaced order = SampleMessages.orderPlaced();

        assertThatThrownBy(() -> new OrderPlaced(order.orderId(), order.customerId(), List.of(), order.total(),
                order.placedAt())).hasMessage("items must not be empty");
    }

    @Test
    void releasingNothingIsAValidAnswer() {
        assertThat(new StockReleased(SampleMessages.ORDER_ID, List.of()).lines()).isEmpty();
    }

    @Test
    void authorizePaymentDoesNotPrintTheCardToken() {
        AuthorizePayment command = SampleMessages.authorizePayment();

        assertThat(command.toString())
                .doesNotContain(command.cardToken())
                .contains("cardToken=tok_****", SampleMessages.ORDER_ID.toString(), "44.99 EUR");
        assertThat(new AuthorizePayment(SampleMessages.ORDER_ID, command.amount(), "tok_42").toString())
                .contains("cardToken=****").doesNotContain("tok_42");
    }
}
