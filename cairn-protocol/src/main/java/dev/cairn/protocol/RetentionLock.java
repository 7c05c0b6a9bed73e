package dev.cairn.protocol;

/**
 * A repository's retention lock: objects other than {@code locks/} cannot be deleted for {@code lockDays} days after
 * their arrival. {@code source} is {@code repository} (its own setting), {@code server-default} or {@code none}
 * ({@code lockDays} 0).
 */
public record RetentionLock(int lockDays, String source, int serverDefaultDays) {
    public static final String REPOSITORY = "repository";
    public static final String SERVER_DEFAULT = "server-default";
    public static final String NONE = "none";
}
