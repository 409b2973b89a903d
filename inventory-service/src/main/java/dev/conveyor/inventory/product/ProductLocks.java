package dev.conveyor.inventory.product;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.EntityManager;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Locks products for the current transaction ({@link ProductRepository#lockAllBySku}: one statement, sku order) and
 * remembers which skus it locked: asked again in the same transaction, it answers those from the persistence context
 * without a statement. A batch of commands locks all its products first ({@code StockLocks}) and each command then
 * asks for its own, which costs nothing; a query instead would first flush every change the batch had made so far,
 * once per command.
 */
@Component
public class ProductLocks implements TransactionSynchronization {

    private final ProductRepository products;

    private final EntityManager entities;

    ProductLocks(ProductRepository products, EntityManager entities) {
        this.products = products;
        this.entities = entities;
    }

    /** The products of these skus, locked until the transaction ends; unknown skus are absent from the answer. */
    public Map<String, Product> lock(Collection<String> skus) {
        Set<String> locked = lockedInThisTransaction();
        Set<String> missing = new TreeSet<>(skus);
        missing.removeAll(locked);
        Map<String, Product> answer = new HashMap<>();
        if (!missing.isEmpty()) {
            products.lockAllBySku(missing).forEach(product -> answer.put(product.sku(), product));
            locked.addAll(missing);
        }
        for (String sku : skus) {
            if (!answer.containsKey(sku) && !missing.contains(sku)) {
                Product product = entities.find(Product.class, sku);
                if (product != null) {
                    answer.put(sku, product);
                }
            }
        }
        return answer;
    }

    @SuppressWarnings("unchecked")
    private Set<String> lockedInThisTransaction() {
        Set<String> locked = (Set<String>) TransactionSynchronizationManager.getResource(this);
        if (locked == null) {
            locked = new HashSet<>();
            TransactionSynchronizationManager.bindResource(this, locked);
            TransactionSynchronizationManager.registerSynchronization(this);
        }
        return locked;
    }

    /** The transaction ended: its locks are released, and forgotten with them. */
    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(this);
    }
}
