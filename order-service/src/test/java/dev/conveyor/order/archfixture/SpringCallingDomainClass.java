package dev.conveyor.order.archfixture;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A planted violation: a domain class that calls Spring code. */
class SpringCallingDomainClass {

    boolean inTransaction() {
        return TransactionSynchronizationManager.isActualTransactionActive();
    }
}
