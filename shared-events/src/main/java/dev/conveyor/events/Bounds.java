package dev.conveyor.events;

/**
 * The size bounds of the contract: every string and list of every message has one, stated in its JSON Schema
 * ({@code maxLength}, {@code maxItems}), enforced by the records and by the REST requests that produce the values, so
 * that no message a service may legitimately send comes near the broker's record size limit.
 */
public final class Bounds {

    /** Stock-keeping units. */
    public static final int SKU = 64;

    /** Product names. */
    public static final int PRODUCT_NAME = 200;

    /** Customer ids. */
    public static final int CUSTOMER_ID = 64;

    /** Lines of an order, and so of every reservation, shortage list and shipment made for it. */
    public static final int ORDER_LINES = 50;

    /** Recipient name and street lines of an address. */
    public static final int ADDRESS_LINE = 200;

    public static final int CITY = 100;

    public static final int POSTAL_CODE = 20;

    /** The payment provider's card token. */
    public static final int CARD_TOKEN = 200;

    /** The gateway's authorisation code. */
    public static final int AUTHORIZATION_CODE = 64;

    public static final int CARRIER = 64;

    public static final int TRACKING_NUMBER = 64;

    /** The characters of a money amount's decimal string. */
    public static final int AMOUNT = 32;

    private Bounds() {
    }
}
