package dev.conveyor.shipping.shipment;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.conveyor.web.PageQuery;
import dev.conveyor.web.PageView;
import dev.conveyor.web.ProblemStatuses;

/** The warehouse's and the storefront's view of shipments, and the warehouse's dispatch and delivery actions. */
@RestController
@RequestMapping(path = "/api/shipments", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Shipments")
class ShipmentController {

    private final Shipments shipments;

    ShipmentController(Shipments shipments) {
        this.shipments = shipments;
    }

    @GetMapping
    @Operation(summary = "The shipment of an order (a page of one, or an empty page when none is scheduled)")
    PageView<ShipmentView> listShipments(@RequestParam UUID orderId, @Valid PageQuery page) {
        return PageView.ofAll(shipments.findByOrder(orderId), page);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One shipment")
    ShipmentView getShipment(@PathVariable UUID id) {
        return shipments.get(id);
    }

    @PostMapping("/{id}/dispatch")
    @ProblemStatuses(409)
    @Operation(summary = "Hand the shipment to a carrier",
            description = "Repeating it with the same carrier (and no or the same tracking number) answers the "
                    + "dispatched shipment again; a different carrier or tracking number, or a cancelled shipment, is a 409.")
    ShipmentView dispatchShipment(@PathVariable UUID id, @Valid @RequestBody DispatchRequest request) {
        return shipments.dispatch(id, request.carrier(), request.trackingNumber());
    }

    @PostMapping("/{id}/deliver")
    @ProblemStatuses(409)
    @Operation(summary = "Record the delivery of a dispatched shipment",
            description = "Repeating it answers the delivered shipment again; a shipment not dispatched is a 409.")
    ShipmentView deliverShipment(@PathVariable UUID id) {
        return shipments.deliver(id);
    }
}
