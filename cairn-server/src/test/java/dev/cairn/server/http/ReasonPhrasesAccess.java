package dev.cairn.server.http;

/** The package-private reason-phrase header's name, for tests in other packages. */
public final class ReasonPhrasesAccess {
    public static final String HEADER = ReasonPhrases.HEADER;

    private ReasonPhrasesAccess() {
    }
}
