package dev.conveyor.messaging;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import dev.conveyor.messaging.FailureClassifier.Kind;

import static org.assertj.core.api.Assertions.assertThat;

class FailureClassifierTest {

    @Test
    void retriesADatabaseThatCannotBeReachedForAsLongAsItLasts() {
        assertThat(FailureClassifier.classify(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("pool timed out")))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new CannotCreateTransactionException("no transaction"))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new DataAccessResourceFailureException("gone"))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new SQLTransientConnectionException("pool timed out"))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new SQLRecoverableException("connection reset"))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void retriesLockAndConcurrencyFailuresForAsLongAsTheyLast() {
        assertThat(FailureClassifier.classify(new OptimisticLockingFailureException("stale version"))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new PessimisticLockingFailureException("lock"))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new CannotAcquireLockException("lock timeout"))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new QueryTimeoutException("statement timeout"))).isEqualTo(Kind.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = { "08000", "08001", "08003", "08006", "57P01", "57P02", "57P03", "40001", "40P01", "55P03",
            "57014", "53300" })
    void retriesSqlStatesThatMeanNotNowForAsLongAsTheyLast(String sqlState) {
        assertThat(FailureClassifier.classify(new SQLException("refused for now", sqlState))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new UncategorizedSQLException("handler", "SELECT 1",
                new SQLException("refused for now", sqlState)))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void retriesAConnectionLostDuringCommit() {
        PSQLException lost = new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);

        assertThat(FailureClassifier.classify(new TransactionSystemException("Could not commit JDBC transaction", lost)))
            .isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void retriesARollbackThatMetAConnectionThePoolClosed() {
        assertThat(FailureClassifier.classify(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void retriesABrokerThatIsAwayForAsLongAsItLasts() {
        assertThat(FailureClassifier.classify(new TimeoutException("metadata not available"))).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new NotEnoughReplicasException("isr shrank"))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void retriesWhatAServiceMarksTransientWhereverItIsInTheCauseChain() {
        assertThat(FailureClassifier.classify(new ProviderUnavailable())).isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new ProviderTimedOut())).as("inherited by subclasses").isEqualTo(Kind.TRANSIENT);
        assertThat(FailureClassifier.classify(new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("wrapped", new ProviderUnavailable())))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void deadLettersAnUnreadableRecordAtOnce() {
        assertThat(FailureClassifier.classify(new MessageNotReadableException("not a CloudEvent", null))).isEqualTo(Kind.PERMANENT);
        assertThat(FailureClassifier.classify(new ListenerExecutionFailedException("listener failed",
                new MessageNotReadableException("payload breaks its contract", null)))).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void deadLettersARefusedArgumentAtOnce() {
        assertThat(FailureClassifier.classify(new IllegalArgumentException("quantity must be positive"))).isEqualTo(Kind.PERMANENT);
        assertThat(FailureClassifier.classify(new NumberFormatException("not a number"))).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void deadLettersWhatAServiceMarksPermanentAtOnceEvenWhenADatabaseFailureCausedIt() {
        assertThat(FailureClassifier.classify(new ImpossibleRequest(null))).isEqualTo(Kind.PERMANENT);
        assertThat(FailureClassifier.classify(new ImpossibleRequest(new CannotGetJdbcConnectionException("no connection"))))
            .as("the outer exception knows better").isEqualTo(Kind.PERMANENT);
    }

    @Test
    void retriesAFailureCausedByALostConnectionForAsLongAsItLasts() {
        assertThat(FailureClassifier.classify(new IllegalStateException("could not load",
                new CannotGetJdbcConnectionException("no connection")))).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void givesAnythingElseBoundedRetries() {
        assertThat(FailureClassifier.classify(new IllegalStateException("cannot move from SHIPPED to CANCELLED")))
            .isEqualTo(Kind.UNKNOWN);
        assertThat(FailureClassifier.classify(new NullPointerException())).isEqualTo(Kind.UNKNOWN);
        assertThat(FailureClassifier.classify(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isEqualTo(Kind.UNKNOWN);
        assertThat(FailureClassifier.classify(new SQLException("relation does not exist", "42P01"))).isEqualTo(Kind.UNKNOWN);
        assertThat(FailureClassifier.classify(new SQLException("no state"))).isEqualTo(Kind.UNKNOWN);
    }

    @Test
    void stopsOnACyclicCauseChain() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        first.initCause(second);
        second.initCause(first);

        assertThat(FailureClassifier.classify(first)).isEqualTo(Kind.UNKNOWN);
    }

    @TransientFailure
    static class ProviderUnavailable extends RuntimeException {
    }

    static class ProviderTimedOut extends ProviderUnavailable {
    }

    @PermanentFailure
    static class ImpossibleRequest extends RuntimeException {

        ImpossibleRequest(Throwable cause) {
            super("can never succeed", cause);
        }
    }
}
