package dev.conveyor.inventory.product;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A price's amount has no more decimals than its currency's minor unit (JPY 0, EUR 2, ...: {@link Currency}); the
 * violation is reported on {@code amount}. An unknown currency is left to {@link IsoCurrency}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = MinorUnits.Validator.class)
@interface MinorUnits {

    String message() default "has more decimals than the currency's minor unit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Compares the amount's scale with the currency's default fraction digits. */
    class Validator implements ConstraintValidator<MinorUnits, PriceRequest> {

        @Override
        public boolean isValid(PriceRequest price, ConstraintValidatorContext context) {
            if (price == null || price.amount() == null || price.currency() == null) {
                return true;
            }
            int digits;
            try {
                digits = Currency.getInstance(price.currency()).getDefaultFractionDigits();
            }
            catch (IllegalArgumentException ex) {
                return true;
            }
            if (digits < 0 || price.amount().stripTrailingZeros().scale() <= digits) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(
                    "must have at most " + digits + " decimal" + (digits == 1 ? "" : "s") + " in " + price.currency())
                .addPropertyNode("amount")
                .addConstraintViolation();
            return false;
        }
    }
}
