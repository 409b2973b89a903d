package dev.conveyor.order;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Bodies of POST /api/orders, as the storefront sends them. */
public final class OrderRequestMother {

    public static final String CARD_TOKEN = "tok_visa_4242";

    private OrderRequestMother() {
    }

    /** An order of one unit of each sku. */
    public static Map<String, Object> orderOf(String customerId, String... skus) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String sku : skus) {
            items.add(item(sku, 1));
        }
        return order(customerId, items);
    }

    public static Map<String, Object> order(String customerId, List<Map<String, Object>> items) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("items", items);
        body.put("shippingAddress", address());
        body.put("payment", Map.of("cardToken", CARD_TOKEN));
        return body;
    }

    public static Map<String, Object> item(String sku, int quantity) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", sku);
        item.put("quantity", quantity);
        return item;
    }

    public static Map<String, Object> address() {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("name", "Ada Lovelace");
        address.put("line1", "1 Analytical Way");
        address.put("line2", null);
        address.put("city", "London");
        address.put("postalCode", "N1 9GU");
        address.put("country", "GB");
        return address;
    }
}
