package dev.conveyor.loadtest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which a chaos run kills the stack's components: each component once per round, the rounds shuffled
 * by a seed (so a failing schedule can be replayed), never the same component twice in a row.
 */
final class KillPlan {

    /** Everything that can be killed, named as the launcher names them. */
    static final List<String> COMPONENTS = List.of("postgres", "kafka", "inventory-service", "payment-service",
            "shipping-service", "order-service");

    /** One planned kill: the round it belongs to (from 1) and what is killed. */
    record Step(int round, String component) {
    }

    private KillPlan() {
    }

    static List<Step> plan(List<String> components, int rounds, long seed) {
        if (components.isEmpty() || rounds < 1) {
            throw new IllegalArgumentException("a plan needs at least one component and one round");
        }
        Random random = new Random(seed);
        List<Step> steps = new ArrayList<>();
        String previous = null;
        for (int round = 1; round <= rounds; round++) {
            List<String> order = new ArrayList<>(components);
            Collections.shuffle(order, random);
            if (order.size() > 1 && order.getFirst().equals(previous)) {
                // Killing what was just restarted would measure one recovery twice: start the round elsewhere.
                Collections.swap(order, 0, 1 + random.nextInt(order.size() - 1));
            }
            for (String component : order) {
                steps.add(new Step(round, component));
            }
            previous = order.getLast();
        }
        return List.copyOf(steps);
    }
}
