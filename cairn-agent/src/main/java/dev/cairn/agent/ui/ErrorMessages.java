package dev.cairn.agent.ui;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Short, path-free descriptions of exceptions, for lines that name the path themselves ({@code error: PATH: message}). */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    /** The reason without the path: {@code permission denied}, {@code no such file or directory}, or the message. */
    public static String reason(Throwable e) {
        if (e instanceof FileSystemException fs) {
            if (fs.getReason() != null) {
                return fs.getReason();
            }
            return switch (fs) {
                case NoSuchFileException x -> "no such file or directory";
                case AccessDeniedException x -> "permission denied";
                case NotDirectoryException x -> "not a directory";
                default -> fs.getClass().getSimpleName();
            };
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The full description: the path (if the exception carries one) and the reason. */
    public static String describe(Throwable e) {
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            String other = fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile();
            return fs.getFile() + other + ": " + reason(e);
        }
        return reason(e);
    }
}
