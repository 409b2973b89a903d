package dev.conveyor.loadtest;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KillPlanTest {

    @Test
    void killsEveryComponentOncePerRound() {
        List<KillPlan.Step> plan = KillPlan.plan(KillPlan.COMPONENTS, 2, 42);

        assertThat(plan).hasSize(12);
        Map<String, Long> kills = plan.stream().collect(Collectors.groupingBy(KillPlan.Step::component, Collectors.counting()));
        assertThat(kills).containsOnlyKeys(KillPlan.COMPONENTS).allSatisfy((component, count) -> assertThat(count).isEqualTo(2));
        assertThat(plan.subList(0, 6)).extracting(KillPlan.Step::round).containsOnly(1);
        assertThat(plan.subList(6, 12)).extracting(KillPlan.Step::round).containsOnly(2);
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        assertThat(KillPlan.plan(KillPlan.COMPONENTS, 3, 7)).isEqualTo(KillPlan.plan(KillPlan.COMPONENTS, 3, 7));
    }

    @Test
    void seedsShuffleTheOrder() {
        long distinct = java.util.stream.LongStream.range(0, 20)
            .mapToObj(seed -> KillPlan.plan(KillPlan.COMPONENTS, 1, seed))
            .distinct()
            .count();

        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void neverKillsTheSameComponentTwiceInARow() {
        for (long seed = 0; seed < 500; seed++) {
            List<KillPlan.Step> plan = KillPlan.plan(KillPlan.COMPONENTS, 4, seed);
            for (int i = 1; i < plan.size(); i++) {
                assertThat(plan.get(i).component()).as("seed %d, step %d", seed, i)
                    .isNotEqualTo(plan.get(i - 1).component());
            }
        }
    }

    @Test
    void aSingleComponentIsKilledOncePerRound() {
        assertThat(KillPlan.plan(List.of("kafka"), 2, 1)).extracting(KillPlan.Step::component)
            .containsExactly("kafka", "kafka");
    }

    @Test
    void refusesAnEmptyPlan() {
        assertThatThrownBy(() -> KillPlan.plan(List.of(), 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KillPlan.plan(KillPlan.COMPONENTS, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

}
