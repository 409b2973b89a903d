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
     * PostgreSQL locks the rows in the order it returns them, so every transaction that locks several products
     * locks them in sku order and two reservations can never deadlock. Unknown skus are simply absent.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Product p where p.sku in :skus order by p.sku")
    List<Product> lockAllBySku(Collection<String> skus);

    /** Locks one product until the transaction ends. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Product p where p.sku = :sku")
    Optional<Product> lockBySku(String sku);

    Page<Product> findAllByOrderBySku(Pageable pageable);
}
