package dev.conveyor.payment.payment;

import java.util.UUID;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.conveyor.web.PageQuery;
import dev.conveyor.web.PageView;

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
    @Operation(summary = "The payments of an order", description = "A page of one payment, or an empty page when the order has none")
    PageView<PaymentView> listPayments(@Parameter(description = "The order's id") @RequestParam UUID orderId,
            @Valid PageQuery page) {
        return PageView.ofAll(payments.ofOrder(orderId).stream().map(PaymentView::of).toList(), page);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One payment", description = "404 when no payment has the id")
    PaymentView getPayment(@PathVariable UUID id) {
        return PaymentView.of(payments.get(id));
    }
}
