package dev.conveyor.payment.payment;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read-only view of payments; payments change only through {@code payments.commands}. */
@RestController
@RequestMapping(path = "/api/payments", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Payments", description = "Payments of orders (read-only)")
class PaymentController {

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping
    @Operation(summary = "The payments of an order", description = "An empty list when the order has no payment")
    List<PaymentView> listPayments(@Parameter(description = "The order's id") @RequestParam UUID orderId) {
        return payments.ofOrder(orderId).stream().map(PaymentView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One payment", description = "404 when no payment has the id")
    PaymentView getPayment(@PathVariable UUID id) {
        return PaymentView.of(payments.get(id));
    }
}
