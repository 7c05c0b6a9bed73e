/**
 * Domain exceptions of the server's services. Each carries a stable {@link dev.cairn.protocol.ErrorCode}; the HTTP layer's
 * {@code ErrorMapper} is the one place that turns them into status codes and problem bodies. Services never build HTTP
 * responses themselves.
 */
package dev.cairn.server.error;
