package dev.conveyor.messaging;

/** A record that can never be handled as it is: not a CloudEvent, or a payload that does not match its type. */
class MessageNotReadableException extends RuntimeException {

    MessageNotReadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
