/**
 * Accounts (the login and the tenant: name, email, password hash, status, plan and quota) and their life cycle:
 * sign-up, admin creation, login, password change, suspension, deletion with a grace period.
 * {@link dev.cairn.server.account.AccountService} is the entry point; the DAO is package-private.
 */
package dev.cairn.server.account;
