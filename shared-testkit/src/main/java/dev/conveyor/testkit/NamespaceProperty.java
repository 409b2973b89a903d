package dev.conveyor.testkit;

/**
 * The configuration property that prefixes every topic name and consumer group id of an application, read by the
 * messaging library; the testkit sets it so that test classes sharing one broker stay apart.
 */
public final class NamespaceProperty {

    public static final String NAME = "conveyor.messaging.namespace";

    private NamespaceProperty() {
    }
}
