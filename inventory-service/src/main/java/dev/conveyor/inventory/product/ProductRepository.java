package dev.conveyor.inventory.product;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/** The products, and the row locks that serialise every change of one product's stock. */
public interface ProductRepository extends JpaRepository<Product, String> {

    /**
     * Locks the products with these skus ({@code SELECT ... ORDER BY sku FOR UPDATE}) until the transaction ends.
     * PostgreSQL locks the rows in the order it returns them, so a transaction that locks all its products in one
     * call locks them in sku order and two such transactions can never deadlock (a batch of commands locks the
     * products of all of them first, see {@code StockLocks}). Unknown skus are simply absent. Reservations lock
     * through {@link ProductLocks}, which skips the skus the transaction already locked.
     */
    default List<Product> lockAllBySku(Collection<String> skus) {
        return lockAll(skus.toArray(String[]::new));
    }

    /**
     * {@link #lockAllBySku} with the skus bound as one array: a collection bound to a JPQL {@code in} parameter makes
     * Hibernate first try, and fail with an exception it then catches, to read the whole collection as one sku.
     */
    @Query(value = "SELECT * FROM product WHERE sku = ANY(:skus) ORDER BY sku FOR UPDATE", nativeQuery = true)
    List<Product> lockAll(String[] skus);

    /** Locks one product until the transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Product p where p.sku = :sku")
    Optional<Product> lockBySku(String sku);

    Page<Product> findAllByOrderBySku(Pageable pageable);
}
