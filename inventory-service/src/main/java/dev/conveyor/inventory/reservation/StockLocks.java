package dev.conveyor.inventory.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Component;

import dev.conveyor.events.Message;
import dev.conveyor.events.inventory.CommitStock;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.inventory.product.ProductLocks;
import dev.conveyor.messaging.BatchPreparation;

/**
 * Locks, at the start of a batch of commands, every product the batch will change, in sku order. Each command locks
 * its products in sku order, but a batch's transaction holds the locks of all its commands until it commits: without
 * this, a batch reserving A then B and another, on another partition, reserving B then A would deadlock. The
 * products of a release or commit are those its reservation holds, read here in one query. A command then finds its
 * products already locked by its own transaction ({@link ProductLocks} answers them without a statement).
 */
@Component
class StockLocks implements BatchPreparation {

    private final ReservationRepository reservations;

    private final ProductLocks products;

    StockLocks(ReservationRepository reservations, ProductLocks products) {
        this.reservations = reservations;
        this.products = products;
    }

    @Override
    public void prepare(List<Message> messages) {
        Set<String> skus = new TreeSet<>();
        List<String> reservationsToSettle = new ArrayList<>();
        for (Message message : messages) {
            switch (message) {
                case ReserveStock reserve -> reserve.lines().stream().map(StockLine::sku).forEach(skus::add);
                case ReleaseStock release -> reservationsToSettle.add(release.orderId().toString());
                case CommitStock commit -> reservationsToSettle.add(commit.orderId().toString());
                default -> {
                    // no stock changes
                }
            }
        }
        if (!reservationsToSettle.isEmpty()) {
            skus.addAll(reservations.skusHeldBy(reservationsToSettle.toArray(String[]::new)));
        }
        if (!skus.isEmpty()) {
            products.lock(skus);
        }
    }
}
