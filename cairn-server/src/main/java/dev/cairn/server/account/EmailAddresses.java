package dev.cairn.server.account;

import java.util.regex.Pattern;

/**
 * THE email rule of the server, for accounts (sign-up, the admin command line), workspace invitations and email columns
 * of records alike: an address a mail relay accepts as a recipient. The local part is a dot-atom of RFC 5322 (letters
 * and digits of any script, and {@code ! # $ % & ' * + / = ? ^ _ ` { | } ~ -}, dots only between them), at most 64
 * characters; the domain is at least two dot-separated labels of letters, digits and inner hyphens; at most 254
 * characters in all. Quoted local parts, comments, IP-literal domains and display names ({@code Ann <a@b.c>}) are not
 * accepted: they are rare in practice and are where markup and header injection hide. Stateless.
 */
public final class EmailAddresses {
    private static final String ATOM = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?";
    /** The rule as a pattern (whole-string match), for validators that report in their own words. */
    public static final Pattern PATTERN = Pattern.compile("(?=[^@]{1,64}@)" + ATOM + "(?:\\." + ATOM + ")*@" + LABEL
            + "(?:\\." + LABEL + ")+");
    public static final int MAX_LENGTH = 254;

    private EmailAddresses() {
    }

    /** Whether {@code address} (as given, not trimmed) follows the rule. */
    public static boolean isValid(String address) {
        return address != null && address.length() <= MAX_LENGTH && PATTERN.matcher(address).matches();
    }
}
