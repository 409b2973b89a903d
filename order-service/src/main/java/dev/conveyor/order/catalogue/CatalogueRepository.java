package dev.conveyor.order.catalogue;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface CatalogueRepository extends JpaRepository<CatalogueProduct, String> {

    List<CatalogueProduct> findByNameIsNotNullOrderBySku();

    List<CatalogueProduct> findBySkuInAndNameIsNotNull(Collection<String> skus);
}
