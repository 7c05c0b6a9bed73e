/**
 * Leases on repositories (docs/spec/http-api.md section 12.4, ADR 25): granted, renewed and released by the server,
 * kept in the database, ended by the server's clock when their holder stops renewing. No HTTP here.
 */
package dev.cairn.server.lease;
