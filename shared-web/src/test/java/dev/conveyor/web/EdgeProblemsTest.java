package dev.conveyor.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.RequestDispatcher;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The shared edge in a web slice: strict JSON, one field-error shape, typed problems for every error, request ids. */
@WebMvcTest
@Import(EdgeProblemsTest.ItemController.class)
class EdgeProblemsTest {

    private static final String TYPES = ProblemResponses.TYPE_BASE;

    @Autowired
    MockMvc mvc;

    @Autowired
    ItemController controller;

    @BeforeEach
    void forgetReceivedItems() {
        controller.received.clear();
    }

    @Test
    void acceptsAStrictBodyAndADecimalString() throws Exception {
        postItem("""
                {"name": "mug", "quantity": 2, "amount": "10.50", "gift": true, "tags": ["a"]}""")
            .andExpect(status().isCreated())
            .andExpect(jsonPath("$.amount").value(10.50));
        assertThat(controller.received).hasSize(1);
    }

    @Test
    void refusesAFractionForAnInteger() throws Exception {
        refused("{\"name\": \"mug\", \"quantity\": 1.5}", "quantity", "must be a whole number");
    }

    @Test
    void refusesAStringOrBooleanForAnInteger() throws Exception {
        refused("{\"name\": \"mug\", \"quantity\": \"1\"}", "quantity", "must be a whole number");
        refused("{\"name\": \"mug\", \"quantity\": true}", "quantity", "must be a whole number");
    }

    @Test
    void refusesANumberOrBooleanForAString() throws Exception {
        refused("{\"name\": 12, \"quantity\": 1}", "name", "must be a string");
        refused("{\"name\": false, \"quantity\": 1}", "name", "must be a string");
    }

    @Test
    void refusesANumberForABoolean() throws Exception {
        refused("{\"name\": \"mug\", \"quantity\": 1, \"gift\": 1}", "gift", "must be true or false");
    }

    @Test
    void refusesADuplicateKey() throws Exception {
        postItem("{\"name\": \"mug\", \"quantity\": 5, \"quantity\": 1}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].message").value(containsString("Duplicate")));
        assertThat(controller.received).isEmpty();
    }

    @Test
    void refusesAnUnknownProperty() throws Exception {
        refused("{\"name\": \"mug\", \"quantity\": 1, \"price\": 1}", "price", "is not a known field");
    }

    @Test
    void refusesControlCharactersAndLoneSurrogatesNamingTheField() throws Exception {
        refused("{\"name\": \"m\\u0000ug\", \"quantity\": 1}", "name",
                "must not contain control characters (U+0000 at index 1)");
        refused("{\"name\": \"mug\", \"quantity\": 1, \"tags\": [\"ok\", \"\\u001b[31m\"]}", "tags[1]",
                "must not contain control characters (U+001B at index 0)");
        refused("{\"name\": \"m\\ud800ug\", \"quantity\": 1}", "name", "must not contain a lone surrogate (index 1)");
    }

    @Test
    void keepsLineBreaksTabsAndSurrogatePairs() throws Exception {
        postItem("{\"name\": \"a\\tb\\nc \\ud83d\\ude00\", \"quantity\": 1}").andExpect(status().isCreated());
    }

    @Test
    void listsEveryInvalidFieldOfAValidBody() throws Exception {
        postItem("{\"name\": \"\", \"quantity\": 0}")
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.type").value(TYPES + "invalid-request"))
            .andExpect(jsonPath("$.errors[0].field").value("name"))
            .andExpect(jsonPath("$.errors[1].field").value("quantity"))
            .andExpect(jsonPath("$.detail").value("The request has 2 invalid fields: name, quantity"));
    }

    @Test
    void refusesAnUnacceptableAnswerBeforeTheHandlerRuns() throws Exception {
        mvc.perform(post("/items").contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_XML)
                .content("{\"name\": \"mug\", \"quantity\": 1}"))
            .andExpect(status().isNotAcceptable())
            .andExpect(jsonPath("$.type").value(TYPES + "not-acceptable"));
        assertThat(controller.received).isEmpty();
    }

    @Test
    void answersSpringsOwnErrorsWithTypedProblems() throws Exception {
        mvc.perform(get("/nowhere"))
            .andExpect(status().isNotFound())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(TYPES + "not-found"));
        mvc.perform(put("/items"))
            .andExpect(status().isMethodNotAllowed())
            .andExpect(jsonPath("$.type").value(TYPES + "method-not-allowed"));
        mvc.perform(post("/items").contentType(MediaType.TEXT_PLAIN).content("mug"))
            .andExpect(status().isUnsupportedMediaType())
            .andExpect(jsonPath("$.type").value(TYPES + "unsupported-media-type"));
    }

    @Test
    void answersInvalidParametersAsFieldErrors() throws Exception {
        mvc.perform(get("/items").param("page", "2147483648").param("q", "x"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/items").param("page", "11").param("q", "x"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("page"));
        mvc.perform(get("/items").param("page", "1").param("q", "a\u0000b"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("q"));
        mvc.perform(get("/items"))
            .andExpect(status().isBadRequest())
            .andExpect(jsonPath("$.errors[0].field").value("page"));
    }

    @Test
    void answersTheUnforeseenWith500ThatRevealsNothing() throws Exception {
        mvc.perform(get("/items/boom"))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(TYPES + "internal-error"))
            .andExpect(content().string(not(containsString("secret"))))
            .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void answersContainerErrorsAsProblemsWhateverTheRequestAccepts() throws Exception {
        mvc.perform(get("/error").accept(MediaType.TEXT_HTML)
                .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)
                .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/api/x"))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(TYPES + "invalid-request"))
            .andExpect(jsonPath("$.instance").value("/api/x"));
        mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 413))
            .andExpect(status().is(HttpStatus.CONTENT_TOO_LARGE.value()))
            .andExpect(jsonPath("$.type").value(TYPES + "content-too-large"));
    }

    @Test
    void givesEveryRequestAnIdAndKeepsAPlainOneTheCallerSent() throws Exception {
        mvc.perform(get("/nowhere"))
            .andExpect(header().string(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}")));
        mvc.perform(get("/nowhere").header(RequestIds.HEADER, "req-42"))
            .andExpect(header().string(RequestIds.HEADER, "req-42"));
        mvc.perform(get("/nowhere").header(RequestIds.HEADER, "bad id\u0001"))
            .andExpect(header().string(RequestIds.HEADER, matchesPattern("[0-9a-f-]{36}")));
    }

    private ResultActions postItem(String body) throws Exception {
        return mvc.perform(post("/items").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private void refused(String body, String field, String message) throws Exception {
        postItem(body)
            .andExpect(status().isBadRequest())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(TYPES + "invalid-request"))
            .andExpect(jsonPath("$.errors[0].field").value(field))
            .andExpect(jsonPath("$.errors[0].message").value(message));
        assertThat(controller.received).isEmpty();
    }

    record Item(@NotBlank @Size(max = 20) String name, @NotNull @Min(1) Integer quantity, BigDecimal amount,
            Boolean gift, @Size(max = 3) List<@Size(max = 5) String> tags) {
    }

    @RestController
    @RequestMapping(path = "/items", produces = MediaType.APPLICATION_JSON_VALUE)
    static class ItemController {

        final List<Item> received = new CopyOnWriteArrayList<>();

        @PostMapping
        @ResponseStatus(HttpStatus.CREATED)
        Item create(@Valid @RequestBody Item item) {
            received.add(item);
            return item;
        }

        @GetMapping
        int page(@RequestParam @Min(0) @Max(10) int page, @RequestParam @PlainText String q) {
            return page;
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }
    }
}
