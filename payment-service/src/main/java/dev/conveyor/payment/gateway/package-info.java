/**
 * The payment-gateway port ({@link dev.conveyor.payment.gateway.PaymentGateway}) and its adapter, a simulated gateway
 * that behaves like a real provider's test mode. Plugging in a real provider means writing another adapter here and
 * nothing else.
 */
package dev.conveyor.payment.gateway;
