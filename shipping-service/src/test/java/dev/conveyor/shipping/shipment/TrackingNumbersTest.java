package dev.conveyor.shipping.shipment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrackingNumbersTest {

    @Test
    void prefixesEightRandomCharactersWithTheCarrierInUpperCase() {
        assertThat(TrackingNumbers.generate("dhl")).matches("DHL-[A-Z0-9]{8}");
    }

    @Test
    void keepsOnlyLettersAndDigitsOfTheCarrierAndFallsBackWhenNoneAreLeft() {
        assertThat(TrackingNumbers.generate("Royal Mail (UK)")).matches("ROYALMAILUK-[A-Z0-9]{8}");
        assertThat(TrackingNumbers.generate("✈✈")).matches("SHIP-[A-Z0-9]{8}");
    }

    @Test
    void staysWithinTheColumnLengthForALongCarrierName() {
        assertThat(TrackingNumbers.generate("A".repeat(64))).hasSize(29);
    }

    @Test
    void makesADifferentNumberEachTime() {
        assertThat(TrackingNumbers.generate("UPS")).isNotEqualTo(TrackingNumbers.generate("UPS"));
    }
}
