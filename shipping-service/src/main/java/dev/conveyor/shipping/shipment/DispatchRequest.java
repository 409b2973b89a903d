package dev.conveyor.shipping.shipment;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.conveyor.events.Bounds;

/** The warehouse hands a shipment to a carrier; without a tracking number one is generated. */
record DispatchRequest(
        @Schema(description = "The carrier that took the shipment", example = "DHL")
        @NotBlank @Size(max = Bounds.CARRIER) String carrier,
        @Schema(description = "The carrier's tracking number; generated (CARRIER-XXXXXXXX) when absent",
                example = "DHL-00340434161094042557", nullable = true)
        @Size(max = Bounds.TRACKING_NUMBER) @Pattern(regexp = "[A-Za-z0-9._/-]+", message = "must be letters, digits, '.', '_', '/' or '-'")
        String trackingNumber) {
}
