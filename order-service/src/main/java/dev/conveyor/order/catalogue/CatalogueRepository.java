package dev.conveyor.order.catalogue;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface CatalogueRepository extends JpaRepository<CatalogueProduct, String> {

    Page<CatalogueProduct> findByNameIsNotNullOrderBySku(Pageable pageable);

    List<CatalogueProduct> findBySkuInAndNameIsNotNull(Collection<String> skus);
}
