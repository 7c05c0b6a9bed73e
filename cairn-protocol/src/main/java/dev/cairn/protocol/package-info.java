/**
 * The HTTP protocol between cairn clients (agent, {@code HttpBlobStore}, web UI scripts) and the cairn server: paths,
 * media types, request and response records, and the stable problem codes of error responses. Specified in
 * {@code docs/spec/http-api.md}; this package is its Java form. It depends on Jackson annotations only, so both sides can
 * share it without pulling in a server or client stack.
 */
package dev.cairn.protocol;
