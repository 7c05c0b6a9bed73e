package dev.cairn.server.storage;

import dev.cairn.protocol.ErrorCode;
import dev.cairn.server.error.ServiceException;
import java.util.regex.Pattern;

/**
 * Repository names: 1-64 characters {@code a-z 0-9 . _ -}, starting with a letter or digit. They become a path segment
 * of the store location, so the syntax excludes separators, {@code ..} and anything that needs encoding.
 */
public final class RepoNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private RepoNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** @throws ServiceException {@code invalid-name} stating the rule */
    public static String requireValid(String name) {
        if (!isValid(name)) {
            throw new ServiceException(ErrorCode.INVALID_NAME, "repository name '" + name + "' is invalid: use 1-64 "
                    + "characters a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
        return name;
    }
}
