package dev.conveyor.inventory.product;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import dev.conveyor.events.Money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

/** The web slice: request mapping, validation and problem details, with the application service mocked. */
@WebMvcTest(ProductController.class)
class ProductControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    Products products;

    @Test
    void answersARegistrationWithItsLocation() {
        given(products.register(any())).willReturn(new ProductView("SKU-1", "Mug", new Money("12.50", "EUR"), 0, 3, 0, 3));

        assertThat(mvc.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON).content("""
                {"sku": "SKU-1", "name": "Mug", "price": {"amount": "12.5", "currency": "EUR"}, "initialStock": 3}
                """))
            .hasStatus(HttpStatus.CREATED)
            .hasHeader("Location", "http://localhost/api/products/SKU-1")
            .bodyJson()
            .extractingPath("$.price.amount")
            .isEqualTo("12.50");
    }

    @Test
    void listsEveryInvalidFieldAndNeverCallsTheService() {
        assertThat(mvc.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON).content("""
                {"sku": "bad sku!", "name": "Mug", "price": {"amount": "-1", "currency": "EUR"}, "initialStock": 3}
                """))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson()
            .extractingPath("$.errors[*].field")
            .asArray()
            .containsExactly("price.amount", "sku");
        verifyNoInteractions(products);
    }

    @Test
    void answersAnUnknownSkuWithNotFound() {
        given(products.restock("SKU-404", 2, null)).willThrow(new ProductNotFoundException("SKU-404"));

        assertThat(mvc.post().uri("/api/products/SKU-404/restock").contentType(MediaType.APPLICATION_JSON)
            .content("{\"quantity\": 2}"))
            .hasStatus(HttpStatus.NOT_FOUND)
            .bodyJson()
            .extractingPath("$.sku")
            .isEqualTo("SKU-404");
    }

    @Test
    void answersMalformedJsonWithBadRequest() {
        assertThat(mvc.put().uri("/api/products/SKU-1/price").contentType(MediaType.APPLICATION_JSON).content("{\"amount\":"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
            .bodyJson()
            .extractingPath("$.errors[0].field")
            .isEqualTo("body");
        verifyNoInteractions(products);
    }

    @Test
    void refusesAnAmountWithMoreDecimalsThanTheCurrencyHas() {
        assertThat(mvc.put().uri("/api/products/SKU-1/price").contentType(MediaType.APPLICATION_JSON)
            .content("{\"amount\": \"10.50\", \"currency\": \"JPY\"}"))
            .hasStatus(HttpStatus.BAD_REQUEST)
            .bodyJson()
            .extractingPath("$.errors[0].field")
            .isEqualTo("amount");
        verifyNoInteractions(products);
    }

    @Test
    void acceptsAWholeAmountInACurrencyWithoutMinorUnits() {
        given(products.changePrice(eq("SKU-1"), any(), any()))
            .willReturn(new ProductView("SKU-1", "Mug", new Money("1050", "JPY"), 1, 3, 0, 3));

        assertThat(mvc.put().uri("/api/products/SKU-1/price").contentType(MediaType.APPLICATION_JSON)
            .content("{\"amount\": \"1050\", \"currency\": \"JPY\"}"))
            .hasStatus(HttpStatus.OK);
    }

    @Test
    void answersARestockPastTheStockLimitWithAConflict() {
        given(products.restock("SKU-1", Product.MAX_STOCK, null))
            .willThrow(new StockLimitExceededException("SKU-1", 5, Product.MAX_STOCK));

        assertThat(mvc.post().uri("/api/products/SKU-1/restock").contentType(MediaType.APPLICATION_JSON)
            .content("{\"quantity\": " + Product.MAX_STOCK + "}"))
            .hasStatus(HttpStatus.CONFLICT)
            .bodyJson()
            .extractingPath("$.type")
            .isEqualTo("https://conveyor.dev/problems/stock-limit-exceeded");
    }
}
