package dev.conveyor.messaging;

import java.util.List;

import dev.conveyor.events.Message;

/**
 * Runs in a batch's transaction before its handlers, with the messages they are about to handle (duplicates already
 * left out), in the order they will be handled. A service whose handlers lock rows that messages of other partitions
 * lock too (inventory's products) locks the rows of the whole batch here, in one global order: batches handled at the
 * same time on other partitions then wait for each other instead of each locking row by row in message order and
 * deadlocking. Not called for a message handled alone (a batch of one, or the fallback after a failed batch): that
 * one locks what it needs itself. Declare an implementation as a bean; an exception fails the batch, whose messages
 * are then handled one at a time.
 */
public interface BatchPreparation {

    void prepare(List<Message> messages);
}
