package dev.cairn.workspace.imports;

import java.io.IOException;

/**
 * An import file whose content cannot be read as the format it claims (a damaged or foreign workbook, malformed CSV,
 * text that is not UTF-8). The message is for the person who uploaded it: what is wrong and how to save the file so
 * that it imports; it never names server paths or library internals. Sending the same file again does not help.
 */
public final class UnreadableFileException extends IOException {
    private static final long serialVersionUID = 1L;

    UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }

    static UnreadableFileException xlsx(Throwable cause) {
        return new UnreadableFileException("the file is not a workbook cairn can read: it may be damaged, protected "
                + "by a password, another format renamed to .xlsx, or use XML features imports refuse (such as a DTD); "
                + "open it in your spreadsheet program and save it again as an Excel workbook (.xlsx) or as CSV",
                cause);
    }

    static UnreadableFileException csv(int line, Throwable cause) {
        return new UnreadableFileException("the file is not valid CSV near line " + line + " (a quoted field that is "
                + "never closed, or text that is not UTF-8); save it again as \"CSV UTF-8\"", cause);
    }
}
