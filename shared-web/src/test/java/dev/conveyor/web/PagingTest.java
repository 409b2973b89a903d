package dev.conveyor.web;

import java.util.List;
import java.util.stream.IntStream;

import jakarta.validation.Valid;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The one paging shape: {@code page} and {@code size} bound, defaulted and bounded, and the page every list answers. */
@WebMvcTest
@Import(PagingTest.NumberController.class)
class PagingTest {

    @Autowired
    MockMvc mvc;

    @Test
    void answersTheFirstPageOfTheDefaultSizeWhenNoneIsAskedFor() throws Exception {
        mvc.perform(get("/numbers"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items.length()").value(PageQuery.DEFAULT_SIZE))
            .andExpect(jsonPath("$.items[0]").value(0))
            .andExpect(jsonPath("$.page").value(0))
            .andExpect(jsonPath("$.size").value(PageQuery.DEFAULT_SIZE))
            .andExpect(jsonPath("$.totalElements").value(45))
            .andExpect(jsonPath("$.totalPages").value(3));
    }

    @Test
    void answersThePageAskedForAndAnEmptyPageBeyondTheLast() throws Exception {
        mvc.perform(get("/numbers?page=2&size=20"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items.length()").value(5))
            .andExpect(jsonPath("$.items[0]").value(40));
        mvc.perform(get("/numbers?page=" + PageQuery.MAX_PAGE + "&size=" + PageQuery.MAX_SIZE))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.items.length()").value(0))
            .andExpect(jsonPath("$.totalPages").value(1));
    }

    @Test
    void refusesAPageOrSizeOutOfBoundsNamingTheParameter() throws Exception {
        refused("/numbers?page=-1", "page", "must be greater than or equal to 0");
        refused("/numbers?page=" + (PageQuery.MAX_PAGE + 1), "page", "must be less than or equal to 1000000");
        refused("/numbers?size=0", "size", "must be greater than or equal to 1");
        refused("/numbers?size=" + (PageQuery.MAX_SIZE + 1), "size", "must be less than or equal to 100");
    }

    @Test
    void refusesAPageThatIsNotAWholeNumberOrOverflowsAnInt() throws Exception {
        refused("/numbers?page=2147483648", "page", "must be a whole number");
        refused("/numbers?page=2147483647", "page", "must be less than or equal to 1000000");
        refused("/numbers?size=1.5", "size", "must be a whole number");
        refused("/numbers?page=abc", "page", "must be a whole number");
    }

    @Test
    void cutsAListReadWholeToThePage() {
        PageView<Integer> page = PageView.ofAll(List.of(1, 2, 3), new PageQuery(1, 2));

        assertThat(page.items()).containsExactly(3);
        assertThat(page.totalElements()).isEqualTo(3);
        assertThat(page.totalPages()).isEqualTo(2);
        assertThat(PageView.ofAll(List.of(1), new PageQuery(PageQuery.MAX_PAGE, PageQuery.MAX_SIZE)).items()).isEmpty();
    }

    private void refused(String uri, String field, String message) throws Exception {
        mvc.perform(get(uri))
            .andExpect(status().isBadRequest())
            .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value(ProblemResponses.TYPE_BASE + "invalid-request"))
            .andExpect(jsonPath("$.errors[0].field").value(field))
            .andExpect(jsonPath("$.errors[0].message").value(message));
    }

    @RestController
    static class NumberController {

        private static final List<Integer> NUMBERS = IntStream.range(0, 45).boxed().toList();

        @GetMapping(path = "/numbers", produces = MediaType.APPLICATION_JSON_VALUE)
        PageView<Integer> numbers(@Valid PageQuery query) {
            return PageView.ofAll(NUMBERS, query);
        }
    }
}
