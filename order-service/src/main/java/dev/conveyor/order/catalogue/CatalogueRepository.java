package dev.conveyor.order.catalogue;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface CatalogueRepository extends JpaRepository<CatalogueProduct, String> {

    Page<CatalogueProduct> findByNameIsNotNullOrderBySku(Pageable pageable);

    /**
     * The registered products among the skus, bound as one array: a collection bound to a JPQL {@code in} parameter
     * makes Hibernate first try, and fail with an exception it then catches, to read the whole collection as one sku.
     */
    @Query(value = "SELECT * FROM catalogue_products WHERE sku = ANY(:skus) AND name IS NOT NULL", nativeQuery = true)
    List<CatalogueProduct> findRegistered(String[] skus);

    default List<CatalogueProduct> findRegistered(Collection<String> skus) {
        return findRegistered(skus.toArray(String[]::new));
    }
}
