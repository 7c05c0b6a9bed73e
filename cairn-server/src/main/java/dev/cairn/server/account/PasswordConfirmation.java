package dev.cairn.server.account;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;

/**
 * Asks for the account password before a change that weakens protection (lowering a retention lock): checked through
 * the throttled login path, so a stolen session or token cannot guess it faster than a login form. Thread-safe.
 */
public final class PasswordConfirmation {
    private final AccountService accounts;

    public PasswordConfirmation(AccountService accounts) {
        this.accounts = accounts;
    }

    /**
     * @throws ServiceException {@code password-required} without a password, {@code unauthenticated} for a wrong one,
     *                          {@code too-many-requests} after repeated wrong ones
     */
    public void confirm(long accountId, String password, String clientAddress, String what) {
        if (password == null || password.isEmpty()) {
            throw new ServiceException(ErrorCode.PASSWORD_REQUIRED, what + " needs the account password: send it as "
                    + "currentPassword");
        }
        try {
            accounts.login(accounts.require(accountId).name(), password, clientAddress);
        } catch (ServiceException e) {
            if (e.code() == ErrorCode.UNAUTHENTICATED) {
                throw new ServiceException(ErrorCode.UNAUTHENTICATED, "the current password is wrong");
            }
            throw e;
        }
    }
}
