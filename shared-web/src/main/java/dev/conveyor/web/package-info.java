/**
 * The REST edge every Conveyor service shares: how failures that are not the caller's fault are answered (RFC 9457
 * problem details), and the defaults that make readiness, connection waits and shutdown honest.
 */
package dev.conveyor.web;
